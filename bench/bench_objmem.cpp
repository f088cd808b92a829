// gclab — host memory the allocator model spends per live simulated object.
//
// Allocates N (default 10,000,000) objects of a 64-byte type whose word 0 is a pointer, with the
// collector off, and reports the host heap growth per object measured with glibc's mallinfo2()
// (uordblks + hblkhd: bytes in use from the arena plus mmapped blocks), both in total and beyond the
// object's one 8-byte pointer slot, which is the part of the object the model stores by design.
// The resident-set growth from /proc/self/statm is printed for reference.
// Usage: bench_objmem [count]
#include "bench_config.h"

#include "sim/runtime.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

namespace gclab {
namespace {

std::uint64_t mallocInUse() {
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

std::uint64_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

int run(std::uint64_t count) {
    constexpr uintptr objSize = 64;
    constexpr double ptrSlotBytes = 8; // the type's one pointer word

    auto rt = std::make_unique<Runtime>(bench::gcOffConfig());
    TypeId t = rt->types.define("obj64p1", objSize, {0});

    const std::uint64_t heapBefore = mallocInUse();
    const std::uint64_t rssBefore = residentBytes();
    for (std::uint64_t i = 0; i < count; i++)
        rt->newobject(t, 0);
    const std::uint64_t heapAfter = mallocInUse();
    const std::uint64_t rssAfter = residentBytes();

    const double n = static_cast<double>(count);
    const double heapPer = static_cast<double>(heapAfter - heapBefore) / n;
    const double rssPer = (static_cast<double>(rssAfter) - static_cast<double>(rssBefore)) / n;
    const std::size_t spans = rt->mheap.numSpanRecords() - 1; // record 0 is emptymspan
    const double perSpan = spans == 0 ? 0 : n / static_cast<double>(spans);

    std::printf("bench_objmem: %llu objects of %llu bytes, 1 pointer word (word 0), GC off\n",
                static_cast<unsigned long long>(count), static_cast<unsigned long long>(objSize));
    std::printf("  simulated heap in use         : %.1f MiB in %zu spans (%.0f objects/span), %zu arenas\n",
                static_cast<double>(rt->mheap.heapInUse) / (1 << 20), spans, perSpan, rt->mheap.numArenas());
    std::printf("  sizeof(MSpan)                 : %zu bytes\n", sizeof(MSpan));
    std::printf("  mallinfo2 (uordblks+hblkhd)   : %+.1f MiB\n",
                static_cast<double>(heapAfter - heapBefore) / (1 << 20));
    std::printf("  host bytes/object (total)     : %.2f\n", heapPer);
    std::printf("  host bytes/object beyond ptrs : %.2f   (total - %.0f for the pointer slot)\n",
                heapPer - ptrSlotBytes, ptrSlotBytes);
    std::printf("  RSS delta (/proc/self/statm)  : %+.1f MiB = %.2f bytes/object (reference)\n",
                (static_cast<double>(rssAfter) - static_cast<double>(rssBefore)) / (1 << 20), rssPer);
    return 0;
}

} // namespace
} // namespace gclab

int main(int argc, char** argv) {
    std::uint64_t count = 10'000'000;
    if (argc > 1)
        count = std::strtoull(argv[1], nullptr, 10);
    if (count == 0) {
        std::fprintf(stderr, "usage: %s [count > 0]\n", argv[0]);
        return 2;
    }
    return gclab::run(count);
}
