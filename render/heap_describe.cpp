#include "render/heap_describe.h"

#include "sim/spanlayout.h"
#include "sim/visit.h"

#include "render/heap_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gclab::render {

std::string hexAddr(uintptr v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%#llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string humanBytes(std::uint64_t n) {
    char buf[32];
    if (n < 1024)
        std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
    else if (n < (1u << 20))
        std::snprintf(buf, sizeof buf, n % 1024 == 0 ? "%.0f KiB" : "%.1f KiB", n / 1024.0);
    else if (n < (std::uint64_t{1} << 30))
        std::snprintf(buf, sizeof buf, n % (1u << 20) == 0 ? "%.0f MiB" : "%.1f MiB", n / 1048576.0);
    else
        std::snprintf(buf, sizeof buf, "%.2f GiB", n / 1073741824.0);
    return buf;
}

std::string withThousands(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); i++) {
        if (i != 0 && (digits.size() - i) % 3 == 0)
            out += ' ';
        out += digits[i];
    }
    return out;
}

std::string bytesExactAndHuman(std::uint64_t n) {
    if (n < 1024)
        return humanBytes(n);
    return withThousands(n) + " (" + humanBytes(n) + ")";
}

std::string formatDuration(double ns) {
    char b[32];
    const double a = std::fabs(ns);
    if (a >= 1e9)
        std::snprintf(b, sizeof b, "%.3g s", ns / 1e9);
    else if (a >= 1e6)
        std::snprintf(b, sizeof b, "%.3g ms", ns / 1e6);
    else if (a >= 1e3)
        std::snprintf(b, sizeof b, "%.3g \u00b5s", ns / 1e3);
    else
        std::snprintf(b, sizeof b, "%.0f ns", ns);
    return b;
}

std::string spanClassLabel(SpanClass spc) {
    std::string s = std::to_string(spc.value) + " (";
    if (spc.sizeclass() == 0)
        s += "large";
    else
        s += "size class " + std::to_string(spc.sizeclass()) + ": " +
             humanBytes(class_to_size[spc.sizeclass()]);
    s += spc.noscan() ? ", noscan)" : ", pointers)";
    return s;
}

std::string spanLocationLabel(const SpanLocation& place) {
    if (place.role == SpanRole::cached)
        return "cached in P" + std::to_string(place.p) + "'s mcache";
    return spanRoleName(place.role);
}

std::string sweepgenLabel(std::uint32_t sg, std::uint32_t hsg) {
    std::string s = std::to_string(sg) + " (mheap " + std::to_string(hsg);
    if (sg == hsg - 2)
        return s + " - 2: needs sweeping)";
    if (sg == hsg - 1)
        return s + " - 1: being swept)";
    if (sg == hsg)
        return s + ": swept)";
    if (sg == hsg + 1)
        return s + " + 1: cached before sweep began, needs sweeping)";
    if (sg == hsg + 3)
        return s + " + 3: swept, then cached)";
    return s + ": unexpected)";
}

namespace {

// describeTail names a word past the span's last slot: waste, or (Go 1.26) the metadata kept in the
// span's last bytes.
void describeTail(const Runtime& rt, const MSpan& s, uintptr addr, PageDescription& d) {
    const uintptr end = s.base() + s.spanBytes();
    const uintptr reserved = spanReservedBytes(rt.config().goVersion, s.spanclass, s.spanBytes());
    const bool inlineMarks = s.inlineMarkBits;
    if (addr < end - reserved)
        d.lines.push_back({"word", hexAddr(addr) + ": tail waste after the last slot"});
    else if (inlineMarks && addr >= end - spanInlineMarkBitsSize)
        d.lines.push_back({"word", hexAddr(addr) + ": inline mark bits (Go 1.26 Green Tea: 128 B per span)"});
    else
        d.lines.push_back(
            {"word", hexAddr(addr) + ": pointer bitmap (Go 1.22+: one bit per word of the span)"});
    d.goSymbol =
        reserved == 0
            ? "mspan.limit (runtime/mheap.go)"
            : "heapBitsInSpan (runtime/mbitmap.go), spanInlineMarkBits (runtime/mgcmark_greenteagc.go)";
}

// spanQueueLabel says whether a Green Tea span (Go 1.26) waits in a span queue, and how many of its
// objects are marked but not scanned yet.
std::string spanQueueLabel(const Runtime& rt, const MSpan& s) {
    std::uint32_t waiting = 0;
    for (std::uint32_t i = 0; i < s.nelems; i++)
        waiting += s.gcmarkBits.test(i) && !s.scans.test(i) ? 1 : 0;
    const std::string objects =
        std::to_string(waiting) + (waiting == 1 ? " marked object waits" : " marked objects wait");
    for (const QueuedSpan& q : queuedSpans(rt))
        if (q.base == s.base())
            return "queued on P" + std::to_string(q.p) + (q.published ? " (published for stealing)" : "") +
                   ": " + objects + " for scanSpan" +
                   (s.owned == spanScanOneMark ? " (one mark since queued)" : "");
    return "not queued (Go 1.26 Green Tea: the next mark of one of its objects queues it)";
}

void describeSlot(const Runtime& rt, const MSpan& s, uintptr addr, PageDescription& d) {
    if (addr >= s.limit || s.elemsize == 0) {
        describeTail(rt, s, addr, d);
        return;
    }
    std::uint32_t slot = s.spanclass.sizeclass() == 0 ? 0 : s.objIndex(addr);
    uintptr obj = s.base() + slot * s.elemsize;
    bool isFree = s.isFree(slot);
    std::string state = isFree ? "free" : "allocated";
    if (!isFree && s.gcmarkBits.test(slot))
        state += rt.objectColor(obj) == 1 ? ", marked, not scanned yet (grey)" : ", marked (black)";
    d.lines.push_back({"slot", std::to_string(slot) + " at " + hexAddr(obj) + ": " + state});
    if (!isFree) {
        TypeId t = rt.objectType(obj);
        std::string name =
            t == TypeRegistry::tinyBlockType ? "tiny block (16 B of noscan values)" : rt.types[t].name;
        d.lines.push_back({"object type", name});
        if (spanHasMallocHeaders(rt.config().goVersion, s.spanclass))
            d.lines.push_back({"header", "its first 8 B hold the type pointer (Go 1.22+ allocation header)"});
    }
    d.goSymbol = "mspan (runtime/mheap.go); allocBits, gcmarkBits, objIndex (runtime/mbitmap.go)";
}

// ramLabel says how much of an 8 KiB page the kernel has given RAM (sim/mem_linux.h).
std::string ramLabel(std::uint8_t residentHalves) {
    switch (residentHalves) {
    case 0:
        return "none: no access has faulted its 4 KiB pages in yet";
    case 1:
        return "one of its two 4 KiB pages";
    default:
        return "both 4 KiB pages";
    }
}

} // namespace

PageDescription describePage(const Runtime& rt, const HeapSnapshot& snap, std::uint64_t page,
                             std::optional<std::uint32_t> word) {
    PageDescription d;
    const MHeap& h = rt.mheap;
    uintptr addr = pageAddr(page);
    std::uint64_t chunk = page / pallocChunkPages;
    std::uint64_t arena = page / pagesPerArena;
    if (page >= snap.pages.size()) {
        d.title = "outside the reserved arenas";
        d.goSymbol = "mheap.arenas (runtime/mheap.go)";
        return d;
    }
    const PageInfo& pi = snap.pages[page];
    switch (pi.state) {
    case PageState::unmapped:
        d.title = "Reserved address space, not mapped yet";
        d.lines.push_back({"page", hexAddr(addr) + " (page " + std::to_string(page) + ")"});
        d.lines.push_back({"arena", std::to_string(arena) + " (64 MiB, reserved at once)"});
        d.lines.push_back({"note", "mheap.grow maps it 4 MiB at a time when the heap needs it"});
        d.goSymbol = "heapArena, mheap.curArena (runtime/mheap.go)";
        return d;
    case PageState::released:
    case PageState::free:
        d.title = pi.state == PageState::free ? "Free page (idle)" : "Free page, released to the OS";
        d.lines.push_back({"page", hexAddr(addr) + " (page " + std::to_string(page) + ")"});
        d.lines.push_back({"chunk", std::to_string(chunk) + " of the page allocator (4 MiB)"});
        d.lines.push_back({"scavenged", pi.state == PageState::released ? "yes (counted in HeapReleased)"
                                                                        : "no (counted in HeapIdle only)"});
        d.lines.push_back({"RAM", ramLabel(pi.residentHalves)});
        if (pi.state == PageState::free && rt.config().goVersion == GoVersion::go1_26)
            d.lines.push_back(
                {"scavenger", h.pages.dense(chunk)
                                  ? "skips it: the chunk has (or had when this GC cycle began) 496+ "
                                    "of its 512 pages in use; only a forced or memory-limit release "
                                    "takes it"
                                  : "may release it (the chunk is not densely used)"});
        d.goSymbol = "pageAlloc, pallocBits / scavenged (runtime/mpagealloc.go)";
        return d;
    case PageState::inUse:
        break;
    }

    const MSpan& s = h.span(pi.span);
    const SpanLocation place = pi.span < snap.spans.size() ? snap.spans[pi.span] : SpanLocation{};
    d.title = "mspan " + hexAddr(s.base()) + " - " + hexAddr(s.base() + s.spanBytes()) + " (" +
              std::to_string(s.npages) + (s.npages == 1 ? " page)" : " pages)");
    d.goSymbol = "mspan (runtime/mheap.go)";
    uintptr at = word ? addr + uintptr{*word} * wordBytes : addr;
    d.lines.push_back({"address", hexAddr(at) + " (page " + std::to_string(page - pageIndex(s.base()) + 1) +
                                      " of " + std::to_string(s.npages) + ")"});
    d.lines.push_back({"RAM", ramLabel(pi.residentHalves)});
    d.lines.push_back({"span", "#" + std::to_string(pi.span) + ", " + spanLocationLabel(place)});
    d.lines.push_back({"spanclass", spanClassLabel(s.spanclass)});
    d.lines.push_back({"elemsize", bytesExactAndHuman(s.elemsize)});
    d.lines.push_back({"nelems", std::to_string(s.nelems)});
    d.lines.push_back({"allocCount", std::to_string(s.allocCount)});
    d.lines.push_back({"freeindex", std::to_string(s.freeindex)});
    if (s.spanclass.sizeclass() != 0 && s.freeindex < s.nelems) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%#018llx", static_cast<unsigned long long>(s.allocCache));
        std::uint32_t w0 = s.freeindex / 64 * 64;
        d.lines.push_back({"allocCache", std::string(buf) + " (slots " + std::to_string(w0) + "-" +
                                             std::to_string(std::min(w0 + 64, s.nelems) - 1) + ")"});
    }
    d.lines.push_back({"sweepgen", sweepgenLabel(s.sweepgen, h.sweepgen)});
    if (s.inlineMarkBits && !s.spanclass.noscan())
        d.lines.push_back({"span queue", spanQueueLabel(rt, s)});
    if (word)
        describeSlot(rt, s, at, d);
    return d;
}

} // namespace gclab::render
