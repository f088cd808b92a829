// gclab — gcWork: a P's local queue of grey objects, and the global list of full work buffers.
//
// Models: src/runtime/mgcwork.go (Go 1.19). Each P has two buffers of 253 pointers (a 2 KiB workbuf
// minus its header); put/tryGet work on wbuf1 as a LIFO stack, swap with wbuf2, and exchange whole
// buffers with the global full list. balance() hands work to other Ps when the global list is empty.
// Simplifications: the empty-buffer pool is not modelled; the global list is a plain LIFO stack (Go's
// is lock-free LIFO).
#pragma once

#include "sim/base.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gclab {

inline constexpr std::size_t workbufEntries = 253; // (2048 - 24-byte header) / 8

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

// WorkFull is work.full: full (or handed-off) buffers any P may take.
struct WorkFull {
    std::vector<Workbuf> bufs;
    bool empty() const { return bufs.empty(); }
};

struct GCWork {
    Workbuf wbuf1;
    Workbuf wbuf2;
    std::uint64_t bytesMarked = 0;  // flushed into work.bytesMarked at dispose
    std::uint64_t heapScanWork = 0; // flushed at dispose and periodically while draining

    // put queues a grey object.
    void put(uintptr obj, WorkFull& full) {
        if (!wbuf1.full())
            wbuf1.push(obj); // Go: putFast
        else
            putSlow(obj, full);
    }
    // tryGet takes the next object to scan, 0 if the P has none and the global list is empty.
    uintptr tryGet(WorkFull& full) {
        if (wbuf1.empty())
            return tryGetSlow(full);
        return wbuf1.pop(); // Go: tryGetFast
    }
    // balance moves work to the global list if it is empty (Go: gcWork.balance).
    void balance(WorkFull& full) {
        if (!wbuf2.empty() || wbuf1.size() > 4)
            balanceSlow(full);
    }
    // dispose returns every buffered object to the global list; true if there were any.
    bool dispose(WorkFull& full);

    bool empty() const { return wbuf1.empty() && wbuf2.empty(); }
    std::size_t size() const { return wbuf1.size() + wbuf2.size(); }

  private:
    void putSlow(uintptr obj, WorkFull& full);
    uintptr tryGetSlow(WorkFull& full);
    void balanceSlow(WorkFull& full);
};

} // namespace gclab
