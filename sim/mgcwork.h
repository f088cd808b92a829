// gclab — gcWork: a P's local queue of grey objects, the global lists of full and empty work
// buffers, and the memory the buffers live in.
//
// Models: src/runtime/mgcwork.go (Go 1.19). Each P has two buffers of 253 pointers (a 2 KiB workbuf
// minus its header); put/tryGet work on wbuf1 as a LIFO stack, swap with wbuf2, and exchange whole
// buffers with the global full list. balance() hands work to other Ps when the global list is empty.
// A P's gcWork takes its buffers when it is first used (init: an empty one and a full one if there is
// one) and gives them back at dispose. Buffers come from work.empty; when that is empty, getempty
// carves 16 new ones out of a 32 KiB workbuf span (Runtime::getWorkbufSpans: from the free list, else
// Go's mheap.allocManual). Mark termination drops the empty list and moves every workbuf span to the
// free list (prepareFreeWorkbufs); the background sweeper returns them to the heap once sweeping is
// done (freeSomeWbufs). While they are held they are mapped memory outside the heap's spans: the
// memory-limit heap goal counts them as non-heap memory (Runtime::heapMemory).
// Simplifications: buffers and spans are counted, not placed: a workbuf span takes no pages from the
// model's page heap (Go's come from it, and go back to it as free pages that later spans reuse), so
// its bytes are mapped while it is held and unmapped when it is freed; the global full list is a
// plain LIFO stack (Go's is lock-free LIFO); a span is taken at the end of the runtime step that
// needed it.
#pragma once

#include "sim/base.h"
#include "sim/mgcmark_greenteagc.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gclab {

inline constexpr std::size_t workbufEntries = 253; // (2048 - 24-byte header) / 8
inline constexpr uintptr workbufSize = 2048;       // Go: _WorkbufSize
inline constexpr uintptr workbufAlloc = 32 << 10;  // Go: workbufAlloc, one workbuf span
inline constexpr std::uint64_t workbufsPerSpan = workbufAlloc / workbufSize;

// Workbuf is Go's workbuf: up to 253 pointers to grey objects, used as a stack.
class Workbuf {
  public:
    std::size_t size() const { return nobj_; }
    bool empty() const { return nobj_ == 0; }
    bool full() const { return nobj_ == workbufEntries; }
    void push(uintptr obj) { obj_[nobj_++] = obj; }
    uintptr pop() { return obj_[--nobj_]; }
    const uintptr* begin() const { return obj_.data(); }
    const uintptr* end() const { return obj_.data() + nobj_; }
    // takeTop moves the newest n pointers into an empty buffer.
    void takeTop(Workbuf& from, std::size_t n) {
        for (std::size_t i = from.nobj_ - n; i < from.nobj_; i++)
            push(from.obj_[i]);
        from.nobj_ -= static_cast<std::uint32_t>(n);
    }

  private:
    std::array<uintptr, workbufEntries> obj_;
    std::uint32_t nobj_ = 0;
};

// WorkFull is work.full: full (or handed-off) buffers any P may take, and work.empty: how many
// empty buffers are ready for getempty.
struct WorkFull {
    std::vector<Workbuf> bufs;
    std::uint64_t nempty = 0;
    // spansWanted counts the workbuf spans getempty carved buffers from that the runtime has not
    // taken from the heap yet (Runtime::getWorkbufSpans).
    std::uint64_t spansWanted = 0;
    bool empty() const { return bufs.empty(); }
};

struct GCWork {
    Workbuf wbuf1;
    Workbuf wbuf2;
    SpanQueue spanq;                // Green Tea (Go 1.26): spans to scan, FIFO
    std::uint64_t bytesMarked = 0;  // flushed into work.bytesMarked at dispose
    std::uint64_t heapScanWork = 0; // flushed at dispose and periodically while draining

    // put queues a grey object.
    void put(uintptr obj, WorkFull& full) {
        if (!initialized)
            init(full);
        if (!wbuf1.full())
            wbuf1.push(obj); // Go: putFast
        else
            putSlow(obj, full);
    }
    // tryGetFast pops wbuf1, 0 if it is empty (Go: tryGetObjFast).
    uintptr tryGetFast() { return initialized && !wbuf1.empty() ? wbuf1.pop() : 0; }
    // tryGet takes the next object to scan, 0 if the P has none and the global list is empty.
    uintptr tryGet(WorkFull& full) {
        if (!initialized)
            init(full);
        if (wbuf1.empty())
            return tryGetSlow(full);
        return wbuf1.pop(); // Go: tryGetFast
    }
    // balance moves work to the global list if it is empty (Go: gcWork.balance).
    void balance(WorkFull& full) {
        if (!wbuf2.empty() || wbuf1.size() > 4)
            balanceSlow(full);
    }
    // dispose returns every buffered object to the global list and both buffers to the full or the
    // empty list; true if there were any objects.
    bool dispose(WorkFull& full);

    bool empty() const { return wbuf1.empty() && wbuf2.empty(); }
    std::size_t size() const { return wbuf1.size() + wbuf2.size(); }

    // initialized: the P holds its two buffers (Go: wbuf1 != nil).
    bool initialized = false;

  private:
    void init(WorkFull& full);
    void putSlow(uintptr obj, WorkFull& full);
    uintptr tryGetSlow(WorkFull& full);
    void balanceSlow(WorkFull& full);
};

} // namespace gclab
