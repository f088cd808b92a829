// gclab — Google Benchmark of the allocator model's mallocgc: time per simulated allocation.
//
// Every benchmark allocates objects of one size and kind through the full model path (tiny allocator
// or nextFreeFast, nextFree, mcache.refill, mcentral.cacheSpan/grow, mheap.allocSpan and heap growth)
// with the collector off. Nothing is ever freed, so the Runtime is replaced by a fresh one every
// kWindow allocations (outside the timed region); bench/go/main.go measures real Go over the same
// window from a fresh heap, which is what tools/bench_ratio.sh compares against.
// Names are "alloc/<kind>/<size>"; kind is "scan" (word 0 is a pointer) or "noscan" (no pointers;
// 8 noscan goes through the tiny allocator, as in Go).
#include "bench_config.h"

#include "sim/runtime.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gclab {
namespace {

// kWindow is the number of allocations made on one fresh heap; keep in step with bench/go/main.go.
constexpr std::int64_t kWindow = std::int64_t{1} << 20;

constexpr uintptr kSizes[] = {8, 16, 24, 32, 48, 64, 128, 256, 512, 1024, 2048};

struct Heap {
    std::unique_ptr<Runtime> rt;
    TypeId typ = 0;
};

Heap freshHeap(uintptr size, bool scan) {
    Heap h;
    h.rt = std::make_unique<Runtime>(bench::gcOffConfig());
    std::vector<std::uint32_t> ptrWords;
    if (scan)
        ptrWords.push_back(0);
    h.typ = h.rt->types.define((scan ? "scan" : "noscan") + std::to_string(size), size, std::move(ptrWords));
    return h;
}

void benchAlloc(benchmark::State& state, uintptr size, bool scan) {
    Heap h = freshHeap(size, scan);
    std::int64_t left = kWindow;
    for (auto _ : state) {
        if (left == 0) {
            state.PauseTiming();
            h.rt.reset(); // free the old heap first so that the peak stays one window
            h = freshHeap(size, scan);
            left = kWindow;
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(h.rt->mallocgc(size, h.typ, 0));
        left--;
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["bytes"] = static_cast<double>(size);
}

} // namespace
} // namespace gclab

int main(int argc, char** argv) {
    for (bool scan : {false, true}) {
        for (gclab::uintptr size : gclab::kSizes) {
            std::string name = std::string("alloc/") + (scan ? "scan/" : "noscan/") + std::to_string(size);
            benchmark::RegisterBenchmark(name.c_str(), gclab::benchAlloc, size, scan);
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
