#include "pacer_compare.h"

#include "tests/sim/test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace gclab::conformance {

namespace {

constexpr double MiB = 1 << 20;

// parseTraces reads gcpacertrace and gctrace lines in the order the runtime printed them.
PacerRun parseTraces(const std::string& text) {
    static const std::regex start(
        R"(^pacer: assist ratio=\S+ \(scan \d+ MB in \d+->\d+ MB\) workers=(\d+)\+(\S+)$)");
    static const std::regex end(
        R"(^pacer: \d+% CPU \(25 exp\.\) for (\d+)\+(\d+)\+(\d+) B work \(\d+ B exp\.\) in (\d+) B -> (\d+) B \(\xE2\x88\x86goal (-?\d+), cons/mark \S+\).*$)");
    static const std::regex gc(
        R"(^gc (\d+) @.* ms clock, \S+\+(\S+)/(\S+)/(\S+)\+\S+ ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal, .*$)");
    PacerRun run;
    CycleRecord next;
    std::istringstream in(text);
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, start)) {
            next = CycleRecord{};
            next.dedicated = std::stoll(m[1].str());
            next.fractional = std::stod(m[2].str());
        } else if (std::regex_match(line, m, end)) {
            next.hasPacerEnd = true;
            next.stackScanWork = std::stoull(m[2].str());
            next.globalsScanWork = std::stoull(m[3].str());
            next.triggered = std::stod(m[4].str());
            next.heap1 = std::stod(m[5].str());
            next.goal = next.heap1 - std::stod(m[6].str());
            run.globalsScan = std::max(run.globalsScan, next.globalsScanWork);
        } else if (std::regex_match(line, m, gc)) {
            next.num = static_cast<std::uint32_t>(std::stoul(m[1].str()));
            next.assistCpuMs = std::stod(m[2].str());
            next.backgroundCpuMs = std::stod(m[3].str());
            next.idleCpuMs = std::stod(m[4].str());
            if (!next.hasPacerEnd) {
                next.heap1 = std::stod(m[6].str()) * MiB + MiB / 2;
                next.goal = std::stod(m[8].str()) * MiB + MiB / 2;
            }
            next.heap2 = std::stod(m[7].str()) * MiB + MiB / 2;
            run.cycles.push_back(next);
            next = CycleRecord{};
        }
    }
    return run;
}

// readProbeOutput replaces Go's gctrace-rounded marked heap with the probe's exact bytes, and takes
// the last cycle the GC CPU limiter was on and the exit MemStats from the probe's output.
void readProbeOutput(PacerRun& run, const std::string& probeOutput) {
    static const std::regex line(R"(^cycle (\d+) marked (\d+)$)");
    static const std::regex limiterLine(R"(^limiter last enabled (\d+)$)");
    static const std::regex memStatsLine(R"(^([A-Za-z]+)=(\d+)$)");
    std::map<std::uint32_t, std::uint64_t> marked;
    std::istringstream in(probeOutput);
    std::string text;
    std::smatch m;
    while (std::getline(in, text)) {
        if (std::regex_match(text, m, line))
            marked[static_cast<std::uint32_t>(std::stoul(m[1].str()))] = std::stoull(m[2].str());
        else if (std::regex_match(text, m, limiterLine))
            run.limiterLastEnabled = std::stoull(m[1].str());
        else if (std::regex_match(text, m, memStatsLine))
            run.memStats[m[1].str()] = std::stoull(m[2].str());
    }
    for (CycleRecord& c : run.cycles) {
        auto it = marked.find(c.num);
        if (it == marked.end())
            continue;
        auto traceMB = static_cast<std::uint64_t>(c.heap2 / MiB);
        if (it->second >> 20 != traceMB)
            throw std::runtime_error("the probe's heapMarked for cycle " + std::to_string(c.num) + " (" +
                                     std::to_string(it->second) + " B) is not gctrace's " +
                                     std::to_string(traceMB) +
                                     " MB: its gcControllerState mirror does not fit");
        c.heap2 = static_cast<double>(it->second);
        c.heap2Exact = true;
    }
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    std::size_t k = v.size() / 2;
    return v.size() % 2 == 1 ? v[k] : (v[k - 1] + v[k]) / 2;
}

bool fileExists(const std::string& path) { return std::ifstream(path).good(); }

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

} // namespace

std::string readCommand(const std::string& cmd) {
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr)
        throw std::runtime_error("cannot run " + cmd);
    std::string out;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
        out.append(buf.data(), n);
    if (pclose(pipe) != 0)
        throw std::runtime_error(cmd + " failed");
    return out;
}

std::string goCommand(const std::string& program, const SteadyStateParams& p) {
    std::string env =
        "env GODEBUG=gctrace=1,gcpacertrace=1 GOMAXPROCS=" + std::to_string(p.gomaxprocs) +
        " GOGC=" + (p.gogc < 0 ? std::string("off") : std::to_string(p.gogc)) + " GOMEMLIMIT=" +
        (p.memoryLimit == std::numeric_limits<std::int64_t>::max() ? std::string("off")
                                                                   : std::to_string(p.memoryLimit));
    return env + " '" + program + "' " + std::to_string(p.liveBytes) + " " + std::to_string(p.iterations) +
           " " + std::to_string(p.goroutines) + " " + std::to_string(p.garbagePerIter) + " " +
           std::to_string(p.seed);
}

void buildSteadyState(Runtime& rt, const SteadyStateParams& p) {
    test::buildScenario(rt, "steady-state",
                        {{"live_bytes", static_cast<std::int64_t>(p.liveBytes)},
                         {"iterations", static_cast<std::int64_t>(p.iterations)},
                         {"goroutines", p.goroutines},
                         {"garbage_per_iter", p.garbagePerIter}});
}

PacerRun runGoSteadyState(const std::string& program, const SteadyStateParams& p, const std::string& keep) {
    std::string traces, probeOutput;
    if (!keep.empty() && fileExists(keep + ".traces") && fileExists(keep + ".out")) {
        traces = readFile(keep + ".traces");
        probeOutput = readFile(keep + ".out");
    } else {
        std::string outPath = "/tmp/gclab-steadystate-XXXXXX";
        int fd = mkstemp(outPath.data());
        if (fd < 0)
            throw std::runtime_error("cannot create a temporary file for the probe's output");
        close(fd);
        try {
            traces = readCommand(goCommand(program, p) + " 2>&1 >'" + outPath + "'");
        } catch (...) {
            std::remove(outPath.c_str());
            throw;
        }
        probeOutput = readFile(outPath);
        std::remove(outPath.c_str());
        if (!keep.empty()) {
            writeFile(keep + ".out", probeOutput);
            writeFile(keep + ".traces", traces);
        }
    }
    PacerRun run = parseTraces(traces);
    readProbeOutput(run, probeOutput);
    return run;
}

PacerRun runModelSteadyState(const SteadyStateParams& p, std::uint64_t globalsScan) {
    RuntimeConfig cfg;
    cfg.gomaxprocs = p.gomaxprocs;
    cfg.gogc = p.gogc;
    cfg.memoryLimit = p.memoryLimit;
    cfg.seed = p.seed;
    cfg.hashEvents = false;
    cfg.godebug.gctrace = true;
    cfg.godebug.gcpacertrace = true;
    Runtime rt(cfg);
    buildSteadyState(rt, p);
    std::uint64_t have = rt.gcController.globalsScan;
    if (globalsScan > have)
        rt.addGlobals((globalsScan - have) / 8);
    rt.runUntilDone(~std::uint64_t{0});
    PacerRun run = parseTraces(rt.debugOut);
    run.limiterLastEnabled = rt.gcCPULimiter.lastEnabledCycle;
    if (run.cycles.size() != rt.work.history.size())
        throw std::runtime_error("model traces and cycle history disagree");
    // The model knows its own numbers exactly.
    for (std::size_t i = 0; i < run.cycles.size(); i++) {
        const GCCycleStats& c = rt.work.history[i];
        run.cycles[i].goal = static_cast<double>(c.heapGoal);
        run.cycles[i].heap1 = static_cast<double>(c.heap1);
        run.cycles[i].heap2 = static_cast<double>(c.heap2);
        run.cycles[i].heap2Exact = true;
    }
    run.globalsScan = rt.gcController.globalsScan;
    const MemStats m = readMemStats(rt);
    run.memStats = {{"HeapSys", m.HeapSys},       {"HeapInuse", m.HeapInuse}, {"Sys", m.Sys},
                    {"MSpanInuse", m.MSpanInuse}, {"MSpanSys", m.MSpanSys},   {"MCacheInuse", m.MCacheInuse},
                    {"MCacheSys", m.MCacheSys},   {"StackSys", m.StackSys},   {"GCSys", m.GCSys},
                    {"OtherSys", m.OtherSys},     {"NumGC", m.NumGC},         {"NextGC", m.NextGC}};
    return run;
}

PacerSummary summarize(const PacerRun& r) {
    PacerSummary s;
    s.cycles = r.cycles.size();
    if (s.cycles < 3)
        return s;
    std::size_t first = std::max<std::size_t>(1, s.cycles / 3);
    std::vector<double> goals, live;
    double grown = 0, assist = 0, background = 0;
    for (std::size_t i = first; i < s.cycles; i++) {
        goals.push_back(r.cycles[i].goal);
        live.push_back(r.cycles[i].heap2);
        grown += r.cycles[i].heap1 - r.cycles[i - 1].heap2;
        assist += r.cycles[i].assistCpuMs;
        background += r.cycles[i].backgroundCpuMs;
    }
    s.backgroundShare = assist + background > 0 ? background / (assist + background) : 0;
    s.steadyCycles = goals.size();
    s.medianGoal = median(goals);
    s.medianLive = median(live);
    s.cyclesPerByte = grown > 0 ? static_cast<double>(s.steadyCycles) / grown : 0;
    return s;
}

} // namespace gclab::conformance
