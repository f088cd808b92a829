// gclab bench_mark — how fast the model marks: a full forced GC cycle (sweep termination, mark,
// mark termination, then sweeping everything, as runtime.GC() does) over a complete binary tree of
// depth 20 and 22 and a 4M-node linked list, GOMAXPROCS=1, every object live.
// Usage: bench_mark [CYCLES [SHAPE [GO_VERSION]]] (SHAPE: tree20, tree22 or list4M, all by default
// or with "all"; GO_VERSION: 1.19, the default, or 1.26: Green Tea's span queues).
// Prints the median over several cycles of ns per live object; tools/bench_mark_ratio.sh compares
// it with real Go 1.19 (bench/go-mark).
#include "sim/runtime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace gclab;

namespace {

GoVersion goVersion = GoVersion::go1_19;

RuntimeConfig benchConfig() {
    RuntimeConfig cfg;
    cfg.goVersion = goVersion;
    cfg.gomaxprocs = 1;
    cfg.gogc = -1; // only the forced cycles run
    cfg.hashEvents = false;
    return cfg;
}

uintptr buildTree(Runtime& rt, TypeId node, int depth) {
    uintptr n = rt.newobject(node, 0);
    if (depth > 0) {
        rt.writePointer(PtrSlot::heap(n, 0), buildTree(rt, node, depth - 1));
        rt.writePointer(PtrSlot::heap(n, 1), buildTree(rt, node, depth - 1));
    }
    return n;
}

uintptr buildList(Runtime& rt, TypeId node, std::uint64_t n) {
    uintptr head = 0;
    for (std::uint64_t i = 0; i < n; i++) {
        uintptr x = rt.newobject(node, 0);
        rt.writePointer(PtrSlot::heap(x, 0), head);
        head = x;
    }
    return head;
}

double cycleSeconds(Runtime& rt) {
    auto start = std::chrono::steady_clock::now();
    rt.gcForce();
    rt.runUntilDone(~std::uint64_t{0}); // no goroutines: the run ends with the cycle
    while (rt.sweepone() != ~uintptr{0}) {
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void run(const std::string& only, const std::string& name, std::uint64_t objects, int cycles,
         uintptr (*build)(Runtime&)) {
    if (!only.empty() && only != name)
        return;
    Runtime rt(benchConfig());
    rt.addGlobals(1);
    rt.writePointer(PtrSlot::global(0), build(rt));
    cycleSeconds(rt); // warm-up: the first cycle also sweeps the build's spans
    std::vector<double> ns;
    for (int i = 0; i < cycles; i++)
        ns.push_back(cycleSeconds(rt) * 1e9 / static_cast<double>(objects));
    std::sort(ns.begin(), ns.end());
    std::printf("%s\t%llu\t%.2f\n", name.c_str(), static_cast<unsigned long long>(objects),
                ns[ns.size() / 2]);
}

} // namespace

int main(int argc, char** argv) {
    int cycles = argc > 1 ? std::atoi(argv[1]) : 5;
    std::string only = argc > 2 && std::string(argv[2]) != "all" ? argv[2] : "";
    if (argc > 3 && std::string(argv[3]) == "1.26")
        goVersion = GoVersion::go1_26;
    std::printf("shape\tobjects\tmodel_ns_per_object\n");
    run(only, "tree20", (1u << 21) - 1, cycles, [](Runtime& rt) {
        return buildTree(rt, rt.types.define("Node", 16, {0, 1}), 20);
    });
    run(only, "tree22", (1u << 23) - 1, cycles, [](Runtime& rt) {
        return buildTree(rt, rt.types.define("Node", 16, {0, 1}), 22);
    });
    run(only, "list4M", 4u << 20, cycles,
        [](Runtime& rt) { return buildList(rt, rt.types.define("ListNode", 16, {0}), 4u << 20); });
}
