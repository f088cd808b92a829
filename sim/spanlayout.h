// gclab — where objects lie in a span, by Go release: allocation headers and in-span metadata.
//
// Models: heapBitsInSpan and mallocHeaderSize (src/runtime/mbitmap.go, Go 1.22+), the nelems
// computation of mheap.initSpan, gcUsesSpanInlineMarkBits and spanInlineMarkBits
// (src/runtime/mgcmark_greenteagc.go, Green Tea, the default in Go 1.26), and mallocgc's split
// between the small and the large path. Under Go 1.19 none of this exists: pointer metadata lives
// in the arena's heap bitmap and a span holds npages * pageSize / elemsize objects.
// Simplifications: the model names an object by its slot's first byte, where Go 1.22+ hands out
// the address after an object's 8-byte header; the header and the reserved bytes change which
// class an object lands in and how many fit in a span, not how the model stores pointer words.
#pragma once

#include "sim/goversion.h"
#include "sim/sizeclasses.h"

namespace gclab {

inline constexpr uintptr mallocHeaderSize = 8;         // Go: mallocHeaderSize (the type pointer)
inline constexpr uintptr minSizeForMallocHeader = 512; // Go: goarch.PtrSize * ptrBits
inline constexpr uintptr spanInlineMarkBitsSize = 128; // Go: unsafe.Sizeof(spanInlineMarkBits{})

// heapBitsInSpan: objects this small keep their pointer bitmap at the end of their span (Go 1.22+).
constexpr bool heapBitsInSpan(uintptr elemsize) { return elemsize <= minSizeForMallocHeader; }

// gcUsesSpanInlineMarkBits: Green Tea keeps these spans' mark and scan bits in their last 128 bytes.
constexpr bool gcUsesSpanInlineMarkBits(uintptr elemsize) {
    return heapBitsInSpan(elemsize) && elemsize >= 16;
}

// spanUsesInlineMarkBits: under Go 1.26 (Green Tea) spans of class spc keep inline mark bits.
constexpr bool spanUsesInlineMarkBits(GoVersion v, SpanClass spc) {
    return v == GoVersion::go1_26 && spc.sizeclass() != 0 &&
           gcUsesSpanInlineMarkBits(class_to_size[spc.sizeclass()]);
}

// spanReservedBytes is how many bytes at the end of a span of class spc (nbytes long) hold
// metadata instead of objects: 0 under Go 1.19 and for large spans; under Go 1.26 the inline mark
// bits (16-512 B objects) plus, for pointerful objects up to 512 B, the pointer bitmap (one bit per
// word of the span: nbytes / 64).
constexpr uintptr spanReservedBytes(GoVersion v, SpanClass spc, uintptr nbytes) {
    if (v == GoVersion::go1_19 || spc.sizeclass() == 0)
        return 0;
    const uintptr elemsize = class_to_size[spc.sizeclass()];
    uintptr reserve = 0;
    if (spanUsesInlineMarkBits(v, spc))
        reserve += spanInlineMarkBitsSize;
    if (heapBitsInSpan(elemsize) && !spc.noscan())
        reserve += nbytes / 64;
    return reserve;
}

// objectsPerSpan is nelems of a fresh span of size class c >= 1 (Go: mheap.initSpan).
constexpr std::uint32_t objectsPerSpan(GoVersion v, SpanClass spc) {
    const uintptr nbytes = uintptr{class_to_allocnpages[spc.sizeclass()]} * pageSize;
    return static_cast<std::uint32_t>((nbytes - spanReservedBytes(v, spc, nbytes)) /
                                      class_to_size[spc.sizeclass()]);
}

// maxSmallRequest is the largest request mallocgc serves from a size class; larger ones get a
// span of their own. Since allocation headers the small path stops 8 bytes short of the largest class.
constexpr uintptr maxSmallRequest(GoVersion v) {
    return v == GoVersion::go1_19 ? maxSmallSize : maxSmallSize - mallocHeaderSize;
}

// hasMallocHeader: a small pointerful object above 512 B gets an 8-byte type header under Go 1.26,
// and its class is looked up for size + 8 (a 1024 B object lands in the 1152 B class).
constexpr bool hasMallocHeader(GoVersion v, uintptr size, bool noscan) {
    return v == GoVersion::go1_26 && !noscan && !heapBitsInSpan(size) && size <= maxSmallRequest(v);
}

// spanHasMallocHeaders: every object of this span class carries the header (Go 1.26).
constexpr bool spanHasMallocHeaders(GoVersion v, SpanClass spc) {
    return v == GoVersion::go1_26 && spc.sizeclass() != 0 && !spc.noscan() &&
           !heapBitsInSpan(class_to_size[spc.sizeclass()]);
}

} // namespace gclab
