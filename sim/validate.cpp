// gclab — expensive structural checks over the whole allocator model.
//
// Models: the consistency checks Go performs in debug modes and in readmemstats_m (heapInUse and
// the consistent stats must agree), extended to every relation the model maintains. Each failure
// names the invariant that broke.
#include "sim/mstats.h"
#include "sim/runtime.h"
#include "sim/visit.h"

#include <bit>
#include <map>

namespace gclab {

namespace {

[[noreturn]] void broken(const std::string& invariant, const std::string& detail) {
    simThrow("invariant broken: " + invariant + " (" + detail + ")");
}

std::string hex(uintptr v) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    do {
        s.insert(s.begin(), digits[v & 15]);
        v >>= 4;
    } while (v != 0);
    return "0x" + s;
}

void validateSpan(const MHeap& h, SpanId id, const MSpan& s) {
    std::string sid = "span " + std::to_string(id) + " at " + hex(s.startAddr);
    if (s.startAddr % pageSize != 0 || s.startAddr < h.pages.base() ||
        s.startAddr + s.spanBytes() > h.pages.end())
        broken("span lies on pages of the grown heap", sid);
    int c = s.spanclass.sizeclass();
    if (c == 0) {
        if (s.nelems != 1 || s.elemsize != s.spanBytes())
            broken("a large span holds one object of the whole span", sid);
    } else if (s.elemsize != class_to_size[c] || s.npages != class_to_allocnpages[c] ||
               s.nelems != objectsPerSpan(h.goVersion, s.spanclass)) {
        broken("span geometry follows its size class", sid);
    }
    if (s.freeindex > s.nelems || s.allocCount > s.nelems)
        broken("freeindex and allocCount are at most nelems", sid);
    std::uint32_t allocated = 0;
    for (std::uint32_t i = 0; i < s.nelems; i++)
        allocated += s.isFree(i) ? 0 : 1;
    if (allocated != s.allocCount)
        broken("allocCount equals the slots below freeindex or set in allocBits",
               sid + ": allocCount=" + std::to_string(s.allocCount) +
                   " counted=" + std::to_string(allocated));
    for (uintptr p = 0; p < s.npages; p++) {
        uintptr addr = s.startAddr + p * pageSize;
        if (!h.pages.inUse(addr))
            broken("a span's pages are in use in the page allocator", sid);
        const HeapArena& ha = h.arenaOf(addr);
        uintptr pi = (addr - arenaBaseHint) / pageSize % pagesPerArena;
        if (h.spanAtPage((addr - arenaBaseHint) / pageSize) != id)
            broken("the page map points every page of a span at it", sid);
        bool inUseBit = (ha.pageInUse[pi / 64] >> (pi % 64)) & 1;
        if (inUseBit != (p == 0))
            broken("pageInUse is set on exactly the first page of an in-use span", sid);
    }
    for (std::uint32_t i = 0; i < s.nelems; i++) {
        if (s.isFree(i))
            continue;
        if (s.spanclass.noscan() && s.ptrStride != 0)
            broken("noscan spans store no pointer words", sid);
    }
}

void validateAllocCache(const MSpan& s, SpanId id) {
    if (s.freeindex >= s.nelems)
        return;
    std::uint32_t window = 64 - s.freeindex % 64;
    for (std::uint32_t k = 0; k < window && s.freeindex + k < s.nelems; k++) {
        bool cacheFree = (s.allocCache >> k) & 1;
        if (cacheFree != !s.allocBits.test(s.freeindex + k))
            broken("allocCache is the inverted allocBits window at freeindex",
                   "span " + std::to_string(id) + " slot " + std::to_string(s.freeindex + k));
    }
}

} // namespace

void Runtime::validate() const {
    const MHeap& h = mheap;
    const std::uint32_t sg = h.sweepgen;

    // Where each in-use span is held: exactly one mcache slot or one mcentral set.
    std::map<SpanId, int> holders;
    for (const P& p : allp) {
        const MCache& c = p.mcache;
        for (int i = 0; i < numSpanClasses; i++) {
            SpanId id = c.alloc[i];
            if (id == emptymspan)
                continue;
            holders[id]++;
            const MSpan& s = h.span(id);
            if (s.state != MSpanState::mSpanInUse || s.spanclass.value != i)
                broken("an mcache slot holds an in-use span of its class", "P " + std::to_string(p.id));
            if (s.sweepgen != sg + 3 && s.sweepgen != sg + 1)
                broken("a cached span has sweepgen sg+3 or sg+1", "span " + std::to_string(id));
            validateAllocCache(s, id);
        }
        if (c.tiny != 0) {
            ObjectRef ref;
            if (!h.findObject(c.tiny, ref) || h.span(ref.span).spanclass != tinySpanClass ||
                c.tinyoffset > maxTinySize)
                broken("the tiny block is an allocated 16-byte noscan slot", "P " + std::to_string(p.id));
        }
    }
    for (int i = 0; i < numSpanClasses; i++) {
        const MCentral& mc = h.central[i];
        for (int half = 0; half < 2; half++) {
            bool swept = static_cast<std::uint32_t>(half) == sg / 2 % 2;
            for (int kind = 0; kind < 2; kind++) {
                const SpanSet& set = kind == 0 ? mc.partial[half] : mc.full[half];
                for (SpanId id : set) {
                    holders[id]++;
                    const MSpan& s = h.span(id);
                    std::string where = "span " + std::to_string(id) + " in mcentral " + std::to_string(i);
                    if (s.state != MSpanState::mSpanInUse || s.spanclass.value != i)
                        broken("an mcentral set holds in-use spans of its class", where);
                    if (swept && s.sweepgen != sg)
                        broken("spans in a swept set have sweepgen sg", where);
                    if (!swept && s.sweepgen != sg - 2 && s.sweepgen != sg - 1)
                        broken("spans in an unswept set have sweepgen sg-2 or sg-1", where);
                    if (swept && (kind == 0) != (s.allocCount < s.nelems))
                        broken("swept partial spans have a free slot and swept full spans none", where);
                }
            }
        }
    }

    uintptr inUseBytes = 0;
    uintptr inUsePages = 0;
    uintptr allocatedBytes = 0;
    for (std::size_t i = 1; i < h.numSpanRecords(); i++) {
        auto id = static_cast<SpanId>(i);
        const MSpan& s = h.span(id);
        if (s.state != MSpanState::mSpanInUse)
            continue;
        validateSpan(h, id, s);
        if (holders[id] != 1)
            broken("every in-use span is in exactly one mcache slot or mcentral set",
                   "span " + std::to_string(id) + " held " + std::to_string(holders[id]) + " times");
        inUseBytes += s.spanBytes();
        inUsePages += s.npages;
        allocatedBytes += uintptr{s.allocCount} * s.elemsize;
    }
    if (inUseBytes != h.heapInUse || inUsePages != h.pagesInUse)
        broken("heapInUse and pagesInUse are the sum of in-use spans",
               "heapInUse=" + std::to_string(h.heapInUse) + " spans=" + std::to_string(inUseBytes));

    // Every work buffer that exists was carved from a busy workbuf span (mgcwork.h).
    std::uint64_t buffers = work.full.bufs.size() + work.full.nempty;
    for (const P& p : allp)
        buffers += p.gcw.initialized ? 2 : 0;
    if (buffers != (work.wbufSpans.busy + work.full.spansWanted) * workbufsPerSpan)
        broken("every work buffer was carved from a busy workbuf span",
               std::to_string(buffers) + " buffers, " + std::to_string(work.wbufSpans.busy) + " busy spans");

    validateSpanQueues();

    uintptr freePages = 0;
    uintptr scavPages = 0;
    for (std::size_t ci = 0; ci < h.pages.numChunks(); ci++) {
        const auto& inUse = h.pages.pallocBits(ci);
        const auto& scav = h.pages.scavengedBits(ci);
        if (PageAlloc::summarize(inUse) != h.pages.summary(ci))
            broken("each chunk summary matches its bitmap", "chunk " + std::to_string(ci));
        for (std::size_t w = 0; w < inUse.size(); w++) {
            if ((scav[w] & inUse[w]) != 0)
                broken("only free pages are scavenged", "chunk " + std::to_string(ci));
            freePages += static_cast<uintptr>(std::popcount(~inUse[w]));
            scavPages += static_cast<uintptr>(std::popcount(scav[w]));
            for (int b = 0; b < 64; b++) {
                if ((((inUse[w] | scav[w]) >> b) & 1) == 0)
                    continue;
                uintptr addr =
                    h.pages.base() + (ci * pallocChunkPages + w * 64 + static_cast<uintptr>(b)) * pageSize;
                if (((scav[w] >> b) & 1) != 0 &&
                    (h.resident.resident(addr) || h.resident.resident(addr + pageSize - 1)))
                    broken("a released page has no RAM behind it", hex(addr));
                if (((inUse[w] >> b) & 1) == 0)
                    continue;
                if (h.spanOf(addr) == emptymspan)
                    broken("every in-use page belongs to an in-use span", hex(addr));
            }
        }
    }
    if (scavPages * pageSize != h.heapReleased)
        broken("heapReleased equals the scavenged free pages",
               "heapReleased=" + std::to_string(h.heapReleased) +
                   " scavenged=" + std::to_string(scavPages * pageSize));
    if ((freePages - scavPages) * pageSize != h.heapFree)
        broken("heapFree equals the free pages that are not scavenged",
               "heapFree=" + std::to_string(h.heapFree));
    if (h.pages.end() != h.curArena.base)
        broken("the page allocator covers exactly the mapped heap", hex(h.pages.end()));

    MemStats m = readMemStats(*this);
    if (m.HeapAlloc != allocatedBytes)
        broken("HeapAlloc equals the bytes of allocated slots in in-use spans",
               "HeapAlloc=" + std::to_string(m.HeapAlloc) + " slots=" + std::to_string(allocatedBytes));
}

void Runtime::validateSpanQueues() const {
    // Green Tea (mgcmark_greenteagc.h): a queued span is an in-use pointerful span with inline mark
    // bits, queued once, exactly while it is owned; a marked object not yet scanned lies in an owned
    // span, so some P will scan it.
    std::map<uintptr, int> entries;
    for (const QueuedSpan& q : queuedSpans(*this))
        entries[q.base]++;
    for (const auto& [base, n] : entries) {
        const SpanId id = mheap.spanOf(base);
        if (id == emptymspan || mheap.span(id).base() != base || !mheap.span(id).inlineMarkBits ||
            mheap.span(id).spanclass.noscan())
            broken("a span queue holds only pointerful spans with inline mark bits", hex(base));
        else if (n != 1 || mheap.span(id).owned == spanScanUnowned)
            broken("a queued span is owned and queued once",
                   hex(base) + " queued " + std::to_string(n) + " times");
    }
    for (std::size_t i = 1; i < mheap.numSpanRecords(); i++) {
        const MSpan& s = mheap.span(static_cast<SpanId>(i));
        if (s.state != MSpanState::mSpanInUse || !s.inlineMarkBits || s.spanclass.noscan())
            continue;
        if (s.owned != spanScanUnowned) {
            if (!entries.contains(s.base()))
                broken("an owned span is queued", hex(s.base()));
            continue;
        }
        for (std::uint32_t slot = 0; slot < s.nelems; slot++)
            if (s.markedUnscanned(slot))
                broken("a marked, unscanned object's span is queued",
                       hex(s.base() + slot * s.elemsize) + " in an unowned span");
    }
}

} // namespace gclab
