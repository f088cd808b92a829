// gclab — the page allocator: which heap pages are in use and which are released to the OS.
//
// Models: pageAlloc in src/runtime/mpagealloc.go and mpallocbits.go (Go 1.19). One in-use bitmap
// (1 = in use) and one scavenged bitmap (1 = released) per 4 MiB chunk of 512 pages; each chunk keeps
// a summary (free pages at its start, the longest free run, free pages at its end). alloc is
// address-ordered first fit, like Go's radix-tree search, with a search hint below which nothing is free.
// scavengeOne is pageAlloc.scavengeOne / findScavengeCandidate (mgcscavenge.go): the highest run of
// free, unscavenged pages, released from its top end; a chunk index hint (Go: scavengeIndex) names the
// highest chunk that may hold such pages. Each chunk also counts its pages in use per scavenge
// generation (Go 1.21+ scavChunkData), for the newest releases' rule that background and heap-growth
// scavenging skip densely used chunks.
// Simplifications: the radix tree is flattened to one summary level over a contiguous address range
// (the model's heap always grows contiguously from the arena hint); there is no per-P page cache, so
// small spans are placed strictly lowest-address-first (Go's page cache is only approximately so).
#pragma once

#include "sim/base.h"
#include "sim/sizeclasses.h"

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace gclab {

inline constexpr uintptr pallocChunkPages = 512;
inline constexpr uintptr pallocChunkBytes = pallocChunkPages * pageSize;
inline constexpr std::uint16_t scavChunkHiOccPages = 496; // Go: scavChunkHiOccFrac (0.96875) x 512

// PallocSum is a chunk's summary, in pages.
struct PallocSum {
    std::uint32_t start = 0;
    std::uint32_t max = 0;
    std::uint32_t end = 0;
    friend bool operator==(const PallocSum&, const PallocSum&) = default;
};

class PageAlloc {
  public:
    using ChunkBits = std::array<std::uint64_t, pallocChunkPages / 64>;

    explicit PageAlloc(uintptr base) : base_(base) {}

    // grow makes [base, base+size) known to the allocator: free and scavenged (Go: pageAlloc.grow).
    void grow(uintptr base, uintptr size);

    struct Result {
        uintptr base = 0; // 0: no run of that many free pages
        uintptr scav = 0; // bytes of the run that were scavenged (released) before
    };
    // alloc finds the lowest-addressed run of npages free pages and marks it in use.
    Result alloc(uintptr npages);
    // free marks [base, base+npages) free; the pages are not scavenged.
    void free(uintptr base, uintptr npages);

    struct Range {
        uintptr base = 0; // 0: nothing to scavenge
        uintptr npages = 0;
    };
    // scavengeOne marks as scavenged the top maxPages (at least one) pages of the highest run of free,
    // unscavenged pages, searching chunks from the top down, and returns that range. skipDense passes
    // over chunks that are densely used (Go 1.26's rule for background and heap-growth scavenging).
    Range scavengeOne(uintptr maxPages, bool skipDense);
    // nextGen starts a new scavenge generation (Go: scavengeIndex.nextGen, at each mark termination).
    void nextGen() { scavGen_++; }
    // dense: at least scavChunkHiOccPages pages of the chunk are in use, or were when the current
    // generation began (Go: !scavChunkData.shouldScavenge(gen, false)).
    bool dense(std::size_t chunk) const;

    // State queries, used by validation and views.
    uintptr base() const { return base_; }
    uintptr end() const { return base_ + chunks_.size() * pallocChunkBytes; }
    bool inUse(uintptr addr) const;
    bool scavenged(uintptr addr) const;
    std::size_t numChunks() const { return chunks_.size(); }
    const PallocSum& summary(std::size_t chunk) const { return chunks_[chunk].sum; }
    const ChunkBits& pallocBits(std::size_t chunk) const { return chunks_[chunk].inUse; }
    const ChunkBits& scavengedBits(std::size_t chunk) const { return chunks_[chunk].scav; }
    uintptr searchAddr() const { return base_ + searchChunk_ * pallocChunkBytes; }

    // summarize computes a summary from an in-use bitmap (exposed for tests).
    static PallocSum summarize(const ChunkBits& inUse);
    // findScavengeCandidate returns the highest run of free, unscavenged pages in a chunk, cut to its
    // top maxPages pages: {first page index, npages}, npages 0 if there is none.
    static std::pair<std::uint32_t, std::uint32_t>
    findScavengeCandidate(const ChunkBits& inUse, const ChunkBits& scav, uintptr maxPages);
    // findInChunk returns the first page index of the lowest free run of npages (<= 512), or -1.
    static int findInChunk(const ChunkBits& inUse, std::uint32_t npages);

  private:
    struct Chunk {
        ChunkBits inUse{};
        ChunkBits scav{};
        PallocSum sum{};
        // Go: scavChunkData: pages in use, and how many were when generation gen began.
        std::uint16_t inUsePages = 0;
        std::uint16_t lastInUse = 0;
        std::uint32_t gen = 0;
    };
    // countUse adds delta pages in use to chunk c (Go: scavChunkData.alloc / free).
    void countUse(Chunk& c, int delta);

    std::size_t chunkIndex(uintptr addr) const { return (addr - base_) / pallocChunkBytes; }
    uintptr allocRange(uintptr base, uintptr npages);

    uintptr base_;
    std::vector<Chunk> chunks_;
    std::size_t searchChunk_ = 0;  // no chunk below this one has a free page
    std::size_t scavChunkEnd_ = 0; // no chunk at or above this one has a free, unscavenged page
    std::uint32_t scavGen_ = 0;
};

} // namespace gclab
