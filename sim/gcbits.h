// gclab — per-span bitmaps: allocBits and gcmarkBits.
//
// Models: the gcBits type of src/runtime/mheap.go. Go carves these from gcBits arenas and swaps
// pointers at sweep time; the model keeps one word vector per bitmap, rounded up to whole 64-bit
// words so that refillAllocCache may always read 8 bytes, as Go guarantees.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace gclab {

class GCBits {
  public:
    GCBits() = default;
    explicit GCBits(std::uint32_t nbits) : words_((nbits + 63) / 64, 0) {}

    bool test(std::uint32_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
    void set(std::uint32_t i) { words_[i >> 6] |= std::uint64_t{1} << (i & 63); }
    void clear(std::uint32_t i) { words_[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
    void clearAll() { std::fill(words_.begin(), words_.end(), 0); }

    // word64 returns the 64 bits starting at bit 8*byteIdx (byteIdx is a multiple of 8), bit k of the
    // result being bit 8*byteIdx+k: Go reads 8 bytes of the bitmap little-endian.
    std::uint64_t word64(std::uint32_t byteIdx) const { return words_[byteIdx / 8]; }

    // countBelow counts set bits among the first n bits.
    std::uint32_t countBelow(std::uint32_t n) const {
        std::uint32_t count = 0;
        std::uint32_t full = n / 64;
        for (std::uint32_t w = 0; w < full; w++)
            count += static_cast<std::uint32_t>(std::popcount(words_[w]));
        if (n % 64 != 0)
            count += static_cast<std::uint32_t>(
                std::popcount(words_[full] & ((std::uint64_t{1} << (n % 64)) - 1)));
        return count;
    }

    std::size_t nwords() const { return words_.size(); }
    const std::vector<std::uint64_t>& words() const { return words_; }
    friend bool operator==(const GCBits&, const GCBits&) = default;

  private:
    std::vector<std::uint64_t> words_;
};

} // namespace gclab
