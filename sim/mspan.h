// gclab — mspan: a run of pages holding objects of one span class.
//
// Models: type mspan and its free-slot search in src/runtime/mheap.go and src/runtime/mbitmap.go
// (nextFreeIndex, refillAllocCache, objIndex) plus nextFreeFast from src/runtime/malloc.go, Go 1.19.
// A slot is free iff slot >= freeindex && allocBits[slot] == 0; allocCache is the inverted 64-slot
// window of allocBits starting at freeindex.
// Simplifications: no specials or freeIndexForScan. The span also stores the object
// model's per-slot type and pointer words (Go keeps these in object memory and the heap bitmap):
// pointer words live in ptrs[slot*ptrStride + i], and ptrStride grows when a type with more pointer
// fields lands in the span; the type is kept once per span unless the span mixes types.
#pragma once

#include "sim/base.h"
#include "sim/gcbits.h"
#include "sim/gotype.h"
#include "sim/sizeclasses.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace gclab {

// SpanId indexes MHeap's span records; 0 is the shared emptymspan that never has a free slot.
using SpanId = std::uint32_t;
inline constexpr SpanId emptymspan = 0;

enum class MSpanState : std::uint8_t {
    mSpanDead,  // not in use
    mSpanInUse, // a GC heap span
    mSpanManual // manually managed (stacks, work buffers); reserved for later use by the model
};

inline constexpr std::uint32_t noFreeSlot = ~std::uint32_t{0};

// shiftRight is Go's x >> n for unsigned x: 0 once n reaches the width (C++ leaves that undefined).
constexpr std::uint64_t shiftRight(std::uint64_t x, std::uint32_t n) { return n >= 64 ? 0 : x >> n; }

struct MSpan {
    // Fields are ordered so that what the marker reads (span geometry, state, type, mark bits and
    // pointer words) shares the first cache lines.
    static constexpr TypeId typeUnset = ~TypeId{0};
    static constexpr TypeId typeMixed = ~TypeId{0} - 1;

    uintptr startAddr = 0;
    uintptr limit = 0;
    uintptr elemsize = 0;
    std::uint32_t divMul = 0;
    // Object model storage (see the file comment). Most spans hold one type: soleType names it and
    // slotType stays empty; only a span that has held two different types keeps a type per slot.
    TypeId soleType = typeUnset;
    std::uint32_t ptrStride = 0;
    std::uint32_t soleNumPtrs = 0; // the sole type's pointer count and ptrdata, for the marker
    uintptr solePtrdata = 0;
    MSpanState state = MSpanState::mSpanDead;
    // needzero: a sweep freed slots in it, or its pages were used before (mheap.allocNeedsZero), so
    // allocating there zeroes the object first: it costs more (CostModel::allocNeedZero) and touches
    // the object's pages.
    bool needzero = false;
    // Green Tea (Go 1.26): this span keeps inline mark and scan bits (16-512 B objects); owned is its
    // SpanScanOwnership, whether it is queued for scanning (mgcmark_greenteagc.h).
    bool inlineMarkBits = false;
    std::uint8_t owned = 0;
    SpanClass spanclass{};
    GCBits gcmarkBits;
    std::vector<uintptr> ptrs;
    std::vector<TypeId> slotType;

    uintptr npages = 0;
    std::uint32_t nelems = 0;
    std::uint32_t freeindex = 0;
    std::uint32_t allocCount = 0;
    std::uint32_t allocCountBeforeCache = 0;
    std::uint32_t sweepgen = 0;
    std::uint32_t generation = 0; // bumped each time this record is reused (stale-handle detection)
    std::uint64_t allocCache = 0;
    GCBits allocBits;
    // scans: Green Tea's "already scanned" bits (Go: spanInlineMarkBits.scans); the marks are
    // gcmarkBits, which Go keeps inline too and merges into gcmarkBits at sweep.
    GCBits scans;

    uintptr base() const { return startAddr; }
    // markedUnscanned: under Green Tea, a grey object is one marked in a pointerful span with inline
    // mark bits and not scanned yet (Go's scanSpan takes marks &^ scans).
    bool markedUnscanned(std::uint32_t slot) const {
        return inlineMarkBits && !spanclass.noscan() && gcmarkBits.test(slot) && !scans.test(slot);
    }
    uintptr spanBytes() const { return npages * pageSize; }
    bool contains(uintptr addr) const { return addr >= startAddr && addr < startAddr + spanBytes(); }

    // init prepares a fresh span (mspan.init + the allocSpan initialisation): freeindex 0, an
    // all-ones allocCache and zeroed bitmaps. The last reservedBytes hold no objects (spanlayout.h);
    // inlineMarkBits: Green Tea marks the span through its span queue.
    void init(uintptr base, uintptr npages, SpanClass spc, std::uint32_t sweepgen, uintptr reservedBytes,
              bool inlineMarkBits = false);

    // isFree reports whether slot i is free (Go: mspan.isFree).
    bool isFree(std::uint32_t i) const { return i >= freeindex && !allocBits.test(i); }

    // objIndex converts an address inside the span to its slot (Go: mspan.objIndex).
    // A one-object span has divMul 0, which maps every address in it to slot 0.
    std::uint32_t objIndex(uintptr addr) const {
        return static_cast<std::uint32_t>(((addr - startAddr) * divMul) >> 32);
    }

    // refillAllocCache loads allocCache with the inverted allocBits starting at byte whichByte.
    void refillAllocCache(std::uint32_t whichByte) { allocCache = ~allocBits.word64(whichByte); }

    // nextFreeFast is malloc.go's inlined fast path: it returns the next free slot from allocCache and
    // counts it in allocCount, or noFreeSlot when the slow path has to run.
    std::uint32_t nextFreeFast() {
        if (allocCache == 0)
            return noFreeSlot;
        auto theBit = static_cast<std::uint32_t>(std::countr_zero(allocCache));
        std::uint32_t result = freeindex + theBit;
        if (result >= nelems)
            return noFreeSlot;
        std::uint32_t next = result + 1;
        if (next % 64 == 0 && next != nelems)
            return noFreeSlot;
        allocCache = shiftRight(allocCache, theBit + 1);
        freeindex = next;
        allocCount++;
        return result;
    }

    // nextFreeIndex is mbitmap.go's slow path: the next free slot at or after freeindex, or nelems
    // when the span is full. The caller counts the allocation.
    std::uint32_t nextFreeIndex();

    // primeAllocCache positions allocCache at freeindex (what mcentral.cacheSpan does).
    void primeAllocCache() {
        std::uint32_t freeByte = (freeindex / 64) * 8;
        refillAllocCache(freeByte);
        allocCache >>= freeindex % 64;
    }

    // Object model helpers.
    TypeId typeOf(std::uint32_t slot) const {
        return soleType == typeMixed   ? slotType[slot]
               : soleType == typeUnset ? TypeRegistry::tinyBlockType
                                       : soleType;
    }
    void setObject(std::uint32_t slot, TypeId typ, std::uint32_t numPtrs, uintptr ptrdata);
    uintptr* ptrSlots(std::uint32_t slot) { return ptrs.data() + std::size_t{slot} * ptrStride; }
    const uintptr* ptrSlots(std::uint32_t slot) const { return ptrs.data() + std::size_t{slot} * ptrStride; }
};

} // namespace gclab
