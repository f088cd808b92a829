// gclab — Go's size classes and span classes.
//
// Models: src/runtime/sizeclasses.go and the spanClass helpers in src/runtime/mheap.go (Go 1.19; the
// table is unchanged in newer releases). class_to_size and class_to_allocnpages are Go's numbers; the
// two lookup tables size_to_class8 / size_to_class128 are derived from them at compile time the way
// Go's mksizeclasses.go derives them (smallest class whose size fits), and tests compare the result
// with the published arrays and with sizeclasses-go1.19.csv.
// Simplifications: none; 64-bit linux constants only.
#pragma once

#include "sim/base.h"

#include <array>
#include <cstdint>

namespace gclab {

inline constexpr uintptr pageShift = 13;                     // Go: _PageShift
inline constexpr uintptr pageSize = uintptr{1} << pageShift; // Go: _PageSize (8 KiB runtime page)
inline constexpr uintptr maxSmallSize = 32768;               // Go: _MaxSmallSize (inclusive)
inline constexpr uintptr smallSizeDiv = 8;
inline constexpr uintptr smallSizeMax = 1024;
inline constexpr uintptr largeSizeDiv = 128;
inline constexpr int numSizeClasses = 68; // Go: _NumSizeClasses (class 0 = large)
inline constexpr int numSpanClasses = numSizeClasses << 1;
inline constexpr uintptr maxTinySize = 16; // Go: maxTinySize / _TinySize
inline constexpr int tinySizeClass = 2;    // Go: _TinySizeClass

// class_to_size[c]: object size of size class c in bytes (class 0 marks large objects).
inline constexpr std::array<std::uint16_t, numSizeClasses> class_to_size{
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,  160,   176,
    192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,  512,   576,
    640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304, 2688,  3072,
    3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728, 10240, 10880,
    12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

// class_to_allocnpages[c]: pages in one span of size class c.
inline constexpr std::array<std::uint8_t, numSizeClasses> class_to_allocnpages{
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  1, 1,
    1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4};

namespace detail {
template <std::size_t N>
constexpr std::array<std::uint8_t, N> buildLookup(uintptr base, uintptr step) {
    std::array<std::uint8_t, N> out{};
    int c = 1;
    for (std::size_t i = 0; i < N; i++) {
        uintptr size = base + i * step;
        while (c < numSizeClasses - 1 && class_to_size[c] < size)
            c++;
        out[i] = i == 0 && base == 0 ? 0 : static_cast<std::uint8_t>(c);
    }
    return out;
}
} // namespace detail

// size_to_class8[ceil(n/8)] is the class for n <= smallSizeMax-8.
inline constexpr auto size_to_class8 = detail::buildLookup<smallSizeMax / smallSizeDiv + 1>(0, smallSizeDiv);
// size_to_class128[ceil((n-1024)/128)] is the class for 1024 < n <= maxSmallSize.
inline constexpr auto size_to_class128 =
    detail::buildLookup<(maxSmallSize - smallSizeMax) / largeSizeDiv + 1>(smallSizeMax, largeSizeDiv);

// sizeToClass returns the size class for a small request 0 < size <= maxSmallSize, as mallocgc does.
// Go computes ceil((n-1024)/128) in unsigned arithmetic, which yields 0 for n = 1017..1024; the
// explicit branch gives the same answer without relying on wrap-around.
constexpr int sizeToClass(uintptr size) {
    if (size <= smallSizeMax - 8)
        return size_to_class8[divRoundUp(size, smallSizeDiv)];
    if (size <= smallSizeMax)
        return size_to_class128[0];
    return size_to_class128[divRoundUp(size - smallSizeMax, largeSizeDiv)];
}

// divMul for class c: objIndex = (offset * divMul) >> 32 (Go: class_to_divmagic).
constexpr std::uint32_t classDivMul(int c) {
    return c == 0 ? 0 : static_cast<std::uint32_t>(~std::uint32_t{0} / class_to_size[c] + 1);
}

// SpanClass packs a size class with the noscan bit: spanclass = sizeclass<<1 | noscan.
struct SpanClass {
    std::uint8_t value = 0;

    static constexpr SpanClass make(int sizeclass, bool noscan) {
        return SpanClass{static_cast<std::uint8_t>((sizeclass << 1) | (noscan ? 1 : 0))};
    }
    constexpr int sizeclass() const { return value >> 1; }
    constexpr bool noscan() const { return (value & 1) != 0; }
    friend constexpr bool operator==(SpanClass a, SpanClass b) = default;
};

inline constexpr SpanClass tinySpanClass = SpanClass::make(tinySizeClass, true);

// SizeClassRow is one row of Go's documented table (the comment block in sizeclasses.go).
struct SizeClassRow {
    int sizeclass;
    uintptr bytesPerObj;
    uintptr bytesPerSpan;
    uintptr objects;
    uintptr tailWaste;
    double maxWastePercent;
};

// sizeClassRow computes the documented row for class c (1 <= c < numSizeClasses).
SizeClassRow sizeClassRow(int c);

} // namespace gclab
