// gclab — which heap pages have RAM behind them: the kernel's side of the heap.
//
// Models: what Linux does with the anonymous memory Go maps for the heap (src/runtime/mem_linux.go,
// Go 1.19). Mapped memory gets a physical page at its first access, read or write: a page fault, in
// which the kernel zeroes a 4 KiB page and maps it. The page stays resident until sysUnused
// (madvise MADV_DONTNEED, when the scavenger releases it); the next access faults again. Whoever
// touches a page first pays the fault: the mutator when it zeroes or writes an object, the collector
// when it scans one. A program that allocates objects it never writes (new(T) in a fresh span needs
// no zeroing) leaves their pages to the mark, which then costs far more while the heap grows.
// Simplified: transparent huge pages are not modelled (Go 1.19 asks for none on fresh heap memory,
// and with the kernel's "madvise" setting it gets none); the runtime's own memory (spans, mark bits,
// work buffers) is not counted; a fault costs the same whoever takes it.
#pragma once

#include "sim/base.h"

#include <cstdint>
#include <vector>

namespace gclab {

inline constexpr uintptr osPageShift = 12;

class ResidentPages {
  public:
    explicit ResidentPages(uintptr base) : base_(base) {}

    // touch records an access to [addr, addr+n) and returns how many of its pages were not resident:
    // the page faults the access takes.
    std::uint32_t touch(uintptr addr, uintptr n) {
        if (n == 0)
            return 0;
        uintptr first = (addr - base_) >> osPageShift;
        uintptr last = (addr + n - 1 - base_) >> osPageShift;
        if (last / 64 >= bits_.size())
            bits_.resize(last / 64 + 1, 0);
        std::uint32_t faults = 0;
        for (uintptr p = first; p <= last; p++) {
            std::uint64_t bit = std::uint64_t{1} << (p % 64);
            if ((bits_[p / 64] & bit) == 0) {
                bits_[p / 64] |= bit;
                faults++;
                residentPages_++;
            }
        }
        return faults;
    }

    // release drops the pages of [addr, addr+n) (Go: sysUnused); addr and n are page-aligned.
    void release(uintptr addr, uintptr n) {
        for (uintptr p = (addr - base_) >> osPageShift; p < (addr + n - base_) >> osPageShift; p++) {
            if (p / 64 >= bits_.size())
                return;
            std::uint64_t bit = std::uint64_t{1} << (p % 64);
            if ((bits_[p / 64] & bit) != 0) {
                bits_[p / 64] &= ~bit;
                residentPages_--;
            }
        }
    }

    // resident reports whether the 4 KiB page holding addr has RAM behind it.
    bool resident(uintptr addr) const {
        uintptr p = (addr - base_) >> osPageShift;
        return p / 64 < bits_.size() && (bits_[p / 64] >> (p % 64) & 1) != 0;
    }

    // residentIn counts the 4 KiB pages of [addr, addr+n) that have RAM behind them.
    std::uint32_t residentIn(uintptr addr, uintptr n) const {
        std::uint32_t count = 0;
        for (uintptr a = addr; a < addr + n; a += uintptr{1} << osPageShift)
            count += resident(a);
        return count;
    }

    // residentBytes is the heap's resident set: the bytes of its pages that have RAM behind them.
    uintptr residentBytes() const { return residentPages_ << osPageShift; }

  private:
    uintptr base_;
    std::vector<std::uint64_t> bits_; // one bit per 4 KiB page from base_: 1 = resident
    uintptr residentPages_ = 0;
};

} // namespace gclab
