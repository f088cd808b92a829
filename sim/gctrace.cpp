#include "sim/gctrace.h"

#include <cmath>

namespace gclab {

namespace {

// itoaDiv formats val / 10^dec with exactly dec decimals (dec = 0: no point), as Go's itoaDiv.
std::string itoaDiv(std::uint64_t val, int dec) {
    std::string digits = std::to_string(val);
    if (dec == 0)
        return digits;
    auto width = static_cast<std::size_t>(dec) + 1;
    if (digits.size() < width)
        digits.insert(0, width - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(dec), 1, '.');
    return digits;
}

constexpr int mbShift = 20;

} // namespace

std::string fmtNSAsMS(std::uint64_t ns) {
    if (ns >= 10'000'000)
        return itoaDiv(ns / 1'000'000, 0);
    std::uint64_t x = ns / 1000;
    if (x == 0)
        return "0";
    int dec = 3;
    while (x >= 100) {
        x /= 10;
        dec--;
    }
    return itoaDiv(x, dec);
}

std::string goPrintFloat(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    constexpr int digits = 7;
    std::string out(digits + 7, '0');
    out[0] = std::signbit(v) ? '-' : '+';
    int e = 0;
    if (v != 0) {
        v = std::fabs(v);
        while (v >= 10) {
            e++;
            v /= 10;
        }
        while (v < 1) {
            e--;
            v *= 10;
        }
        double h = 5.0;
        for (int i = 0; i < digits; i++)
            h /= 10;
        v += h;
        if (v >= 10) {
            e++;
            v /= 10;
        }
    }
    for (int i = 0; i < digits; i++) {
        int s = static_cast<int>(v);
        out[static_cast<std::size_t>(i) + 2] = static_cast<char>('0' + s);
        v -= s;
        v *= 10;
    }
    out[1] = out[2];
    out[2] = '.';
    out[digits + 2] = 'e';
    out[digits + 3] = e < 0 ? '-' : '+';
    e = std::abs(e);
    out[digits + 4] = static_cast<char>('0' + e / 100);
    out[digits + 5] = static_cast<char>('0' + (e / 10) % 10);
    out[digits + 6] = static_cast<char>('0' + e % 10);
    return out;
}

std::int64_t gcCycleCPU(const GCCycleStats& c) {
    std::int64_t procs = c.procs;
    std::int64_t sweepTermCpu = procs * (c.tMarkStart - c.tSweepTermStart);
    std::int64_t markTermCpu = procs * (c.tEnd - c.tMarkTermStart);
    return sweepTermCpu + c.assistTime + c.dedicatedTime + c.fractionalTime + markTermCpu;
}

std::string formatGCTrace(std::span<const GCCycleStats> history) {
    const GCCycleStats& c = history.back();
    std::int64_t totaltime = 0;
    for (const GCCycleStats& h : history)
        totaltime += gcCycleCPU(h);
    std::int64_t totalCpu = c.tEnd * static_cast<std::int64_t>(c.procs);
    int util = totalCpu > 0
                   ? static_cast<int>(static_cast<double>(totaltime) / static_cast<double>(totalCpu) * 100)
                   : 0;
    auto ms = [](std::int64_t ns) { return fmtNSAsMS(static_cast<std::uint64_t>(ns)); };
    std::int64_t procs = c.procs;
    std::string s = "gc " + std::to_string(c.num) + " @" +
                    itoaDiv(static_cast<std::uint64_t>(c.tSweepTermStart) / 1'000'000, 3) + "s " +
                    std::to_string(util) + "%: ";
    s += ms(c.tMarkStart - c.tSweepTermStart) + "+" + ms(c.tMarkTermStart - c.tMarkStart) + "+" +
         ms(c.tEnd - c.tMarkTermStart) + " ms clock, ";
    s += ms(procs * (c.tMarkStart - c.tSweepTermStart)) + "+" + ms(c.assistTime) + "/" +
         ms(c.dedicatedTime + c.fractionalTime) + "/" + ms(c.idleTime) + "+" +
         ms(procs * (c.tEnd - c.tMarkTermStart)) + " ms cpu, ";
    s += std::to_string(c.heap0 >> mbShift) + "->" + std::to_string(c.heap1 >> mbShift) + "->" +
         std::to_string(c.heap2 >> mbShift) + " MB, " + std::to_string(c.heapGoal >> mbShift) + " MB goal, " +
         std::to_string(c.stacks >> mbShift) + " MB stacks, " + std::to_string(c.globals >> mbShift) +
         " MB globals, " + std::to_string(c.procs) + " P";
    if (c.forced)
        s += " (forced)";
    s += "\n";
    return s;
}

std::string formatPacerTraceStart(const GCController& c, std::uint64_t initialHeapLive) {
    return "pacer: assist ratio=" + goPrintFloat(c.assistWorkPerByte) + " (scan " +
           std::to_string(c.heapScan >> mbShift) + " MB in " + std::to_string(initialHeapLive >> mbShift) +
           "->" + std::to_string(c.heapGoal() >> mbShift) +
           " MB) workers=" + std::to_string(c.dedicatedMarkWorkersNeeded) + "+" +
           goPrintFloat(c.fractionalUtilizationGoal) + "\n";
}

std::string formatPacerTraceEnd(const GCController& c, const PacerCycleEnd& e) {
    std::string s = "pacer: " + std::to_string(static_cast<int>(e.utilization * 100)) + "% CPU (" +
                    std::to_string(static_cast<int>(gcGoalUtilization * 100)) + " exp.) for ";
    s += std::to_string(c.heapScanWork) + "+" + std::to_string(c.stackScanWork) + "+" +
         std::to_string(c.globalsScanWork) + " B work (" +
         std::to_string(c.lastHeapScan + c.lastStackScan + c.globalsScan) + " B exp.) ";
    s += "in " + std::to_string(c.triggered) + " B -> " + std::to_string(c.heapLive) + " B (\u2206goal " +
         std::to_string(static_cast<std::int64_t>(c.heapLive) - static_cast<std::int64_t>(c.lastHeapGoal)) +
         ", cons/mark " + goPrintFloat(e.oldConsMark) + ")";
    if (e.controllerReset)
        s += "[controller reset]";
    s += "\n";
    return s;
}

} // namespace gclab
