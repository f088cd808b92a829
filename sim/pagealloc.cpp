#include "sim/pagealloc.h"

#include <algorithm>
#include <bit>

namespace gclab {

namespace {

bool bitAt(const PageAlloc::ChunkBits& b, std::uint32_t i) { return (b[i / 64] >> (i % 64)) & 1; }

// nextWithValue returns the first index >= from whose bit equals value, or pallocChunkPages.
std::uint32_t nextWithValue(const PageAlloc::ChunkBits& b, std::uint32_t from, bool value) {
    while (from < pallocChunkPages) {
        std::uint64_t w = value ? b[from / 64] : ~b[from / 64];
        w >>= from % 64;
        if (w != 0)
            return std::min<std::uint32_t>(from + static_cast<std::uint32_t>(std::countr_zero(w)),
                                           pallocChunkPages);
        from = (from / 64 + 1) * 64;
    }
    return pallocChunkPages;
}

// forEachRangeInChunks calls fn(chunk, firstPage, lastPageExclusive) for every chunk that
// [base, base+npages) touches.
template <typename Fn>
void forEachRangeInChunks(uintptr base, uintptr firstAddr, uintptr npages, Fn&& fn) {
    uintptr page = (firstAddr - base) / pageSize;
    uintptr endPage = page + npages;
    while (page < endPage) {
        std::size_t ci = page / pallocChunkPages;
        auto lo = static_cast<std::uint32_t>(page % pallocChunkPages);
        auto hi = static_cast<std::uint32_t>(std::min<uintptr>(pallocChunkPages, lo + (endPage - page)));
        fn(ci, lo, hi);
        page += hi - lo;
    }
}

} // namespace

PallocSum PageAlloc::summarize(const ChunkBits& inUse) {
    PallocSum s;
    std::uint32_t i = 0;
    bool first = true;
    while (i < pallocChunkPages) {
        std::uint32_t runStart = nextWithValue(inUse, i, false);
        if (runStart == pallocChunkPages)
            break;
        std::uint32_t runEnd = nextWithValue(inUse, runStart, true);
        std::uint32_t len = runEnd - runStart;
        if (first && runStart == 0)
            s.start = len;
        first = false;
        s.max = std::max(s.max, len);
        if (runEnd == pallocChunkPages)
            s.end = len;
        i = runEnd;
    }
    return s;
}

int PageAlloc::findInChunk(const ChunkBits& inUse, std::uint32_t npages) {
    std::uint32_t i = 0;
    while (i < pallocChunkPages) {
        std::uint32_t runStart = nextWithValue(inUse, i, false);
        if (runStart == pallocChunkPages)
            return -1;
        std::uint32_t runEnd = nextWithValue(inUse, runStart, true);
        if (runEnd - runStart >= npages)
            return static_cast<int>(runStart);
        i = runEnd;
    }
    return -1;
}

std::pair<std::uint32_t, std::uint32_t>
PageAlloc::findScavengeCandidate(const ChunkBits& inUse, const ChunkBits& scav, uintptr maxPages) {
    // A page is a candidate when both bits are 0; walk down from the top page.
    auto blocked = [&](std::uint32_t i) { return bitAt(inUse, i) || bitAt(scav, i); };
    std::uint32_t end = pallocChunkPages;
    while (end > 0) {
        std::uint32_t w = (end - 1) / 64;
        if ((inUse[w] | scav[w]) == ~std::uint64_t{0}) {
            end = w * 64;
            continue;
        }
        if (!blocked(end - 1))
            break;
        end--;
    }
    if (end == 0)
        return {0, 0};
    std::uint32_t start = end - 1;
    while (start > 0 && !blocked(start - 1))
        start--;
    uintptr size = std::min<uintptr>(end - start, std::max<uintptr>(maxPages, 1));
    return {end - static_cast<std::uint32_t>(size), static_cast<std::uint32_t>(size)};
}

void PageAlloc::countUse(Chunk& c, int delta) {
    if (c.gen != scavGen_) {
        c.lastInUse = c.inUsePages;
        c.gen = scavGen_;
    }
    c.inUsePages = static_cast<std::uint16_t>(c.inUsePages + delta);
}

bool PageAlloc::dense(std::size_t chunk) const {
    const Chunk& c = chunks_[chunk];
    if (c.gen != scavGen_) // no page changed since the generation began: inUsePages is still current
        return c.inUsePages >= scavChunkHiOccPages;
    return c.inUsePages >= scavChunkHiOccPages || c.lastInUse >= scavChunkHiOccPages;
}

PageAlloc::Range PageAlloc::scavengeOne(uintptr maxPages, bool skipDense) {
    for (std::size_t top = scavChunkEnd_; top > 0; top--) {
        std::size_t ci = top - 1;
        if (skipDense && dense(ci))
            continue; // left for forced and memory-limit scavenging; the hint stays above it
        Chunk& c = chunks_[ci];
        auto [first, npages] = findScavengeCandidate(c.inUse, c.scav, maxPages);
        if (npages == 0) {
            if (top == scavChunkEnd_)
                scavChunkEnd_--; // Go: scavengeIndex.clear
            continue;
        }
        for (std::uint32_t i = first; i < first + npages; i++)
            c.scav[i / 64] |= std::uint64_t{1} << (i % 64);
        return Range{base_ + ci * pallocChunkBytes + first * pageSize, npages};
    }
    return Range{};
}

void PageAlloc::grow(uintptr base, uintptr size) {
    SIM_CHECK(base == end(), "pageAlloc.grow: the model's heap must grow contiguously");
    SIM_CHECK(size % pallocChunkBytes == 0, "pageAlloc.grow: size is not a whole number of chunks");
    for (uintptr n = 0; n < size / pallocChunkBytes; n++) {
        Chunk c;
        c.scav.fill(~std::uint64_t{0});
        c.sum = PallocSum{pallocChunkPages, pallocChunkPages, pallocChunkPages};
        chunks_.push_back(c);
    }
    searchChunk_ = std::min(searchChunk_, chunkIndex(base));
}

PageAlloc::Result PageAlloc::alloc(uintptr npages) {
    SIM_CHECK(npages > 0, "pageAlloc.alloc: zero pages");
    while (searchChunk_ < chunks_.size() && chunks_[searchChunk_].sum.max == 0)
        searchChunk_++;
    uintptr carry = 0;      // free pages running into the current chunk from below
    uintptr carryStart = 0; // address where that run starts
    for (std::size_t ci = searchChunk_; ci < chunks_.size(); ci++) {
        const PallocSum& s = chunks_[ci].sum;
        uintptr chunkBase = base_ + ci * pallocChunkBytes;
        uintptr found = 0;
        if (carry > 0 && carry + s.start >= npages) {
            found = carryStart;
        } else if (npages <= pallocChunkPages && s.max >= npages) {
            int idx = findInChunk(chunks_[ci].inUse, static_cast<std::uint32_t>(npages));
            SIM_CHECK(idx >= 0, "pageAlloc: summary max disagrees with bitmap");
            found = chunkBase + static_cast<uintptr>(idx) * pageSize;
        }
        if (found != 0)
            return Result{found, allocRange(found, npages)};
        if (s.start == pallocChunkPages) {
            if (carry == 0)
                carryStart = chunkBase;
            carry += pallocChunkPages;
        } else {
            carry = s.end;
            carryStart = chunkBase + pallocChunkBytes - s.end * pageSize;
        }
    }
    return Result{};
}

uintptr PageAlloc::allocRange(uintptr base, uintptr npages) {
    uintptr scavPages = 0;
    forEachRangeInChunks(base_, base, npages, [&](std::size_t ci, std::uint32_t lo, std::uint32_t hi) {
        Chunk& c = chunks_[ci];
        for (std::uint32_t i = lo; i < hi; i++) {
            SIM_CHECK(!bitAt(c.inUse, i), "pageAlloc: allocating a page that is in use");
            c.inUse[i / 64] |= std::uint64_t{1} << (i % 64);
            if (bitAt(c.scav, i)) {
                scavPages++;
                c.scav[i / 64] &= ~(std::uint64_t{1} << (i % 64));
            }
        }
        countUse(c, static_cast<int>(hi - lo));
        c.sum = summarize(c.inUse);
    });
    return scavPages * pageSize;
}

void PageAlloc::free(uintptr base, uintptr npages) {
    forEachRangeInChunks(base_, base, npages, [&](std::size_t ci, std::uint32_t lo, std::uint32_t hi) {
        Chunk& c = chunks_[ci];
        for (std::uint32_t i = lo; i < hi; i++) {
            SIM_CHECK(bitAt(c.inUse, i), "pageAlloc: freeing a page that is not in use");
            c.inUse[i / 64] &= ~(std::uint64_t{1} << (i % 64));
        }
        countUse(c, -static_cast<int>(hi - lo));
        c.sum = summarize(c.inUse);
    });
    searchChunk_ = std::min(searchChunk_, chunkIndex(base));
    // Go: scavengeIndex.mark over the freed range.
    scavChunkEnd_ = std::max(scavChunkEnd_, chunkIndex(base + npages * pageSize - pageSize) + 1);
}

bool PageAlloc::inUse(uintptr addr) const {
    if (addr < base_ || addr >= end())
        return false;
    return bitAt(chunks_[chunkIndex(addr)].inUse,
                 static_cast<std::uint32_t>((addr - base_) / pageSize % pallocChunkPages));
}

bool PageAlloc::scavenged(uintptr addr) const {
    if (addr < base_ || addr >= end())
        return false;
    return bitAt(chunks_[chunkIndex(addr)].scav,
                 static_cast<std::uint32_t>((addr - base_) / pageSize % pallocChunkPages));
}

} // namespace gclab
