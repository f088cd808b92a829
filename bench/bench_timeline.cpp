// gclab bench_timeline — the cost of recording and the speed of seeking, on a run of at least ten
// million events: a churning workload (a live list, replaced piece by piece, plus garbage) on two Ps
// with the collector running. Reports the plain run time, the recorded run time and their ratio,
// the median and 95th-percentile time of a seek to a random tick, and recording bytes per event.
#include "sim/recording.h"
#include "sim/rng.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace gclab;
using Clock = std::chrono::steady_clock;

namespace {

Runtime workload() {
    using namespace ops;
    RuntimeConfig cfg;
    cfg.gomaxprocs = 2;
    Runtime rt(cfg);
    TypeId node = rt.types.define("Node", 32, {0, 1});
    TypeId ptr = rt.types.define("*Node", 8, {0});
    rt.addGlobals(1);
    Program p{"churn",
              {frame(3), newarray(0, ptr, 20000), gstore(0, 0), loop(1'500'000), newobj(1, node),
               storeRandom(0, 1), newobj(2, node), store(2, 0, 1), endloop()}};
    std::uint32_t prog = rt.addProgram(p);
    rt.newproc(prog);
    rt.newproc(prog);
    return rt;
}

double seconds(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

} // namespace

int main() {
    Runtime start = workload();

    Runtime plain = start;
    auto t0 = Clock::now();
    std::uint64_t ticks = plain.runUntilDone(~std::uint64_t{0});
    double plainSec = seconds(t0);

    Timeline tl(start);
    t0 = Clock::now();
    tl.seek(~std::uint64_t{0});
    double recordedSec = seconds(t0);

    Rng rng(1);
    std::vector<double> ms;
    for (int i = 0; i < 200; i++) {
        std::uint64_t target = rng.below(tl.frontier());
        auto s = Clock::now();
        tl.seek(target);
        ms.push_back(seconds(s) * 1e3);
    }
    std::sort(ms.begin(), ms.end());
    std::size_t recordingBytes =
        tl.hashSamples().size() * 16 + tl.commands().size() * sizeof(Command) + tl.frontier();
    std::printf("run: %llu ticks, %llu events, %d GC cycles\n", static_cast<unsigned long long>(ticks),
                static_cast<unsigned long long>(plain.eventCount), static_cast<int>(plain.work.numgc));
    std::printf("plain run     %.2f s\nrecorded run  %.2f s  (ratio %.2f)\n", plainSec, recordedSec,
                recordedSec / plainSec);
    std::printf("seek          median %.2f ms, p95 %.2f ms, max %.2f ms over %zu random seeks\n",
                ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.back(), ms.size());
    std::printf("keyframes     %zu, %.1f MiB\n", tl.keyframeCount(),
                static_cast<double>(tl.keyframeBytes()) / (1 << 20));
    std::printf("recording     %.3f bytes/event without keyframes (hash samples, commands, step markers)\n",
                static_cast<double>(recordingBytes) / static_cast<double>(plain.eventCount));
}
