#include "sim/mstats.h"

#include "sim/gctrace.h"
#include "sim/runtime.h"

namespace gclab {

namespace {

// gcCPUFraction is memstats.gc_cpu_fraction as gcMarkTermination computes it after the last cycle.
double gcCPUFraction(const std::vector<GCCycleStats>& history) {
    if (history.empty())
        return 0;
    std::int64_t totaltime = 0; // work.totaltime
    for (const GCCycleStats& c : history)
        totaltime += gcCycleCPU(c);
    const GCCycleStats& last = history.back();
    std::int64_t totalCpu = std::int64_t{last.procs} * last.tEnd;
    return totalCpu > 0 ? static_cast<double>(totaltime) / static_cast<double>(totalCpu) : 0;
}

} // namespace

MemStats readMemStats(const Runtime& rt) {
    const MHeap& h = rt.mheap;
    HeapStats st = h.heapStats;
    // Pending counts that Go's flushallmcaches would move into the consistent stats.
    for (const P& p : rt.allp) {
        for (int i = 0; i < numSpanClasses; i++) {
            SpanId id = p.mcache.alloc[i];
            if (id == emptymspan)
                continue;
            const MSpan& s = h.span(id);
            st.smallAllocCount[SpanClass{static_cast<std::uint8_t>(i)}.sizeclass()] +=
                s.allocCount - s.allocCountBeforeCache;
        }
        st.tinyAllocCount += p.mcache.tinyAllocs;
    }

    MemStats m;
    std::uint64_t totalAlloc = st.totalAlloc();
    std::uint64_t nMalloc = st.largeAllocCount;
    std::uint64_t totalFree = st.totalFree();
    std::uint64_t nFree = st.largeFreeCount;
    for (int c = 0; c < numSizeClasses; c++) {
        nMalloc += st.smallAllocCount[c];
        nFree += st.smallFreeCount[c];
        if (c < static_cast<int>(m.BySize.size()))
            m.BySize[c] =
                MemStats::BySizeEntry{class_to_size[c], st.smallAllocCount[c], st.smallFreeCount[c]};
    }
    // Go counts tiny allocations in both Mallocs and Frees.
    nMalloc += st.tinyAllocCount;
    nFree += st.tinyAllocCount;

    m.TotalAlloc = totalAlloc;
    m.Mallocs = nMalloc;
    m.Frees = nFree;
    m.HeapAlloc = totalAlloc - totalFree;
    m.Alloc = m.HeapAlloc;
    m.HeapObjects = nMalloc - nFree;
    m.HeapInuse = h.heapInUse;
    m.HeapReleased = h.heapReleased;
    m.HeapIdle = h.heapFree + h.heapReleased;
    m.HeapSys = h.heapSys();
    const NonHeapSys nonHeap = rt.nonHeapSys();
    m.StackSys = nonHeap.stackSys;
    m.StackInuse = m.StackSys;
    m.MSpanInuse = nonHeap.mspanInuse;
    m.MSpanSys = nonHeap.mspanSys;
    m.MCacheInuse = nonHeap.mcacheInuse;
    m.MCacheSys = nonHeap.mcacheSys;
    m.BuckHashSys = nonHeap.buckHashSys;
    m.GCSys = nonHeap.gcMiscSys + rt.work.wbufSpans.bytes();
    m.OtherSys = nonHeap.otherSys;
    m.Sys = m.HeapSys + nonHeap.total() + rt.work.wbufSpans.bytes();
    m.NextGC = rt.heapGoal();
    m.NumGC = rt.work.numgc;
    m.NumForcedGC = rt.work.numForcedGC;
    m.PauseTotalNs = rt.work.pauseTotalNs;
    m.GCCPUFraction = gcCPUFraction(rt.work.history);
    return m;
}

} // namespace gclab
