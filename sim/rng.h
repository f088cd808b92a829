// gclab — the model's only source of randomness: a seeded SplitMix64 generator.
//
// Same seed, same sequence, on every platform and build type (std:: distributions are
// implementation-defined, so the model never uses them).
#pragma once

#include <cstdint>

namespace gclab {

class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // below returns a value in [0, n) (n > 0), without modulo bias.
    std::uint64_t below(std::uint64_t n) {
        std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
        std::uint64_t v;
        do {
            v = next();
        } while (v >= limit);
        return v % n;
    }

    // chance returns true with probability num/den.
    bool chance(std::uint64_t num, std::uint64_t den) { return below(den) < num; }

  private:
    std::uint64_t state_;
};

} // namespace gclab
