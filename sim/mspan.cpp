#include "sim/mspan.h"

#include <bit>

namespace gclab {

void MSpan::init(uintptr base, uintptr np, SpanClass spc, std::uint32_t sg, uintptr reservedBytes,
                 bool inlineMarks) {
    startAddr = base;
    npages = np;
    spanclass = spc;
    int c = spc.sizeclass();
    if (c == 0) {
        elemsize = np * pageSize;
        nelems = 1;
    } else {
        elemsize = class_to_size[c];
        nelems = static_cast<std::uint32_t>((np * pageSize - reservedBytes) / elemsize);
    }
    divMul = classDivMul(c);
    limit = startAddr + nelems * elemsize;
    freeindex = 0;
    allocCount = 0;
    allocCountBeforeCache = 0;
    allocCache = ~std::uint64_t{0};
    sweepgen = sg;
    state = MSpanState::mSpanInUse;
    needzero = false;
    allocBits = GCBits(nelems);
    gcmarkBits = GCBits(nelems);
    inlineMarkBits = inlineMarks;
    owned = 0;
    scans = GCBits(inlineMarks ? nelems : 0);
    soleType = typeUnset;
    soleNumPtrs = 0;
    solePtrdata = 0;
    slotType.clear();
    ptrStride = 0;
    ptrs.clear();
}

std::uint32_t MSpan::nextFreeIndex() {
    std::uint32_t sfreeindex = freeindex;
    std::uint32_t snelems = nelems;
    if (sfreeindex == snelems)
        return sfreeindex;
    SIM_CHECK(sfreeindex < snelems, "nextFreeIndex: freeindex beyond nelems");

    auto bitIndex = static_cast<std::uint32_t>(std::countr_zero(allocCache));
    while (bitIndex == 64) {
        // Move to the next 64-slot window.
        sfreeindex = (sfreeindex + 64) & ~std::uint32_t{63};
        if (sfreeindex >= snelems) {
            freeindex = snelems;
            return snelems;
        }
        refillAllocCache(sfreeindex / 8);
        bitIndex = static_cast<std::uint32_t>(std::countr_zero(allocCache));
    }
    std::uint32_t result = sfreeindex + bitIndex;
    if (result >= snelems) {
        freeindex = snelems;
        return snelems;
    }
    allocCache = shiftRight(allocCache, bitIndex + 1);
    sfreeindex = result + 1;
    if (sfreeindex % 64 == 0 && sfreeindex != snelems)
        refillAllocCache(sfreeindex / 8);
    freeindex = sfreeindex;
    return result;
}

void MSpan::setObject(std::uint32_t slot, TypeId typ, std::uint32_t numPtrs, uintptr ptrdata) {
    if (soleType == typeUnset) {
        soleType = typ;
        soleNumPtrs = numPtrs;
        solePtrdata = ptrdata;
    } else if (soleType != typeMixed && soleType != typ) {
        slotType.assign(nelems, soleType);
        soleType = typeMixed;
    }
    if (soleType == typeMixed)
        slotType[slot] = typ;
    if (numPtrs > ptrStride) {
        // Re-layout the span's pointer storage at the wider stride, keeping every slot's words.
        std::vector<uintptr> wider(std::size_t{nelems} * numPtrs, 0);
        for (std::uint32_t s = 0; s < nelems && ptrStride != 0; s++)
            std::copy_n(ptrs.begin() + std::ptrdiff_t{s} * ptrStride, ptrStride,
                        wider.begin() + std::ptrdiff_t{s} * numPtrs);
        ptrs = std::move(wider);
        ptrStride = numPtrs;
    }
    std::fill_n(ptrSlots(slot), ptrStride, uintptr{0});
}

} // namespace gclab
