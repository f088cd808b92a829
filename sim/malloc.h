// gclab — overview of the allocator model, and the mallocgc entry points.
//
// Models: src/runtime/malloc.go (Go 1.19). This comment is the map for every other sim file.
//
// The heap is a range of 64 MiB arenas starting at 0xc000000000 (mheap.h), handed out in 8 KiB
// pages by the page allocator (pagealloc.h). A run of pages in use is an mspan (mspan.h) holding
// objects of one span class: a size class from Go's table (sizeclasses.h) plus a noscan bit.
//
// Allocating an object of size n on P p (mallocgc):
//  1. n == 0: return &zerobase.
//  2. (collector) while marking, the goroutine's gcAssistBytes is debited and it may assist.
//  3. noscan && n < 16: the tiny allocator packs the object into p's current 16-byte block
//     (mcache.tiny); if it does not fit, a fresh block comes from span class 5.
//  4. n <= 32 KiB: the span class's cached span in p's mcache gives a slot with nextFreeFast
//     (allocCache); if that fails, nextFree searches the allocBits (nextFreeIndex), and when the
//     span is full, mcache.refill swaps it for one from mcentral.cacheSpan (mcentral.h), which takes
//     a partially free swept span or grows a new one from mheap.allocSpan, which may grow the heap.
//  5. n > 32 KiB: mcache.allocLarge gives the object its own span (span class 0 or 1).
//  6. While a GC cycle is running the new object is allocated black (its mark bit set).
//  7. (collector) after a refill or a large allocation, the heap trigger is tested.
// Under --go-version 1.26 (spanlayout.h) the small path ends at 32760 B, a pointerful object above
// 512 B is looked up for n + 8 (its type header), and spans of objects up to 512 B hold fewer of them.
// Each allocation emits an alloc-path event (allocpath.h) naming the levels it reached, just before its
// alloc event.
//
// Freeing happens only by sweeping (the collector); statistics follow Go's split between the
// consistent heapStats (mheap.h) and the pacer's heapLive (mgcpacer.h).
#pragma once

#include "sim/base.h"

namespace gclab {

// zerobase is the address every zero-sized allocation returns (a data-segment address, not heap).
inline constexpr uintptr zerobase = 0x0000000000585e00;

} // namespace gclab
