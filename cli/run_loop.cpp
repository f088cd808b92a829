#include "cli/run_loop.h"

#include "sim/mstats.h"

#include "scenarios/param_value.h"

#include <charconv>
#include <cstdio>
#include <ostream>

namespace gclab::cli {

bool StopCondition::reached(const Runtime& rt) const {
    switch (kind) {
    case Kind::end:
        return false;
    case Kind::tick:
        return rt.tick >= n;
    case Kind::cycle:
        return rt.work.numgc >= n;
    }
    return false;
}

namespace {

bool parseU64(std::string_view s, std::uint64_t& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

} // namespace

bool parseUntil(std::string_view text, StopCondition& out, std::string& err) {
    StopCondition c;
    if (text == "end") {
        out = c;
        return true;
    }
    constexpr std::string_view cyclePrefix = "cycle:";
    if (text.starts_with(cyclePrefix)) {
        c.kind = StopCondition::Kind::cycle;
        if (parseU64(text.substr(cyclePrefix.size()), c.n) && c.n >= 1) {
            out = c;
            return true;
        }
    } else {
        c.kind = StopCondition::Kind::tick;
        if (parseU64(text, c.n)) {
            out = c;
            return true;
        }
    }
    err = "--until: expected a tick (a non-negative integer), cycle:N (N >= 1) or end, got \"" +
          std::string(text) + "\"";
    return false;
}

std::string formatUntil(const StopCondition& c) {
    switch (c.kind) {
    case StopCondition::Kind::end:
        return "end";
    case StopCondition::Kind::tick:
        return std::to_string(c.n);
    case StopCondition::Kind::cycle:
        return "cycle:" + std::to_string(c.n);
    }
    return "end";
}

RunResult driveRun(const std::function<bool()>& step, const Runtime& rt, const StopCondition& stop,
                   const ScenarioFile* file, const std::function<void(const Runtime&)>& observe) {
    RunResult r;
    try {
        for (;;) {
            if (stop.reached(rt)) {
                r.outcome = RunOutcome::stopped;
                break;
            }
            if (!step()) {
                r.outcome = RunOutcome::ended;
                break;
            }
            r.steps++;
            observe(rt);
        }
    } catch (const OracleViolation& v) {
        r.outcome = RunOutcome::oracleViolation;
        r.message = v.what();
    } catch (const RuntimeThrow& t) {
        r.outcome = RunOutcome::failed;
        std::string where = whereFailed(rt, file);
        r.message = (where.empty() ? "" : where + ": ") + t.what();
    }
    return r;
}

std::function<void(const Runtime&)> progressObserver(ProgressLine& line, const StopCondition& stop,
                                                     std::uint64_t knownEnd) {
    return [&line, stop, knownEnd](const Runtime& rt) {
        if (!line.due())
            return;
        std::string detail = "ticks, " + std::to_string(rt.work.numgc) + " GC cycles";
        if (stop.kind == StopCondition::Kind::cycle)
            line.draw(rt.work.numgc, stop.n, "GC cycles, tick " + std::to_string(rt.tick));
        else if (stop.kind == StopCondition::Kind::tick)
            line.draw(rt.tick, stop.n, detail);
        else
            line.draw(rt.tick, knownEnd, detail);
    };
}

std::uint64_t runHash(const Runtime& rt) { return rt.stateHash() ^ rt.eventHash.h; }

std::string hex64(std::uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

int reportRun(const RunSetup& setup, const Runtime& rt, const RunResult& result, const StopCondition& stop,
              bool hash, std::ostream& out, std::ostream& err) {
    if (result.outcome == RunOutcome::oracleViolation) {
        out << result.message << "\n";
        return 3;
    }
    if (result.outcome == RunOutcome::failed) {
        err << result.message << "\n";
        return 2;
    }
    const Scenario& sc = *setup.scenario;
    MemStats m = readMemStats(rt);
    out << "scenario " << sc.name << ": " << result.steps << " steps, " << rt.now() << " ns virtual, "
        << m.NumGC << " GC cycles (" << m.NumForcedGC << " forced), barrier " << barrierModeName(rt.barrier)
        << "\n";
    if (stop.kind != StopCondition::Kind::end)
        out << "until " << formatUntil(stop) << ": "
            << (result.outcome == RunOutcome::stopped ? "stopped at tick " : "the run ended first, at tick ")
            << rt.tick << "\n";
    if (!sc.params.empty()) {
        out << "params:";
        for (const ScenarioParam& p : sc.params)
            out << " " << p.name << "=" << formatParamValue(p, setup.values.at(p.name));
        out << "\n";
    }
    out << "heap: HeapAlloc=" << m.HeapAlloc << " HeapInuse=" << m.HeapInuse
        << " HeapObjects=" << m.HeapObjects << " Mallocs=" << m.Mallocs << " Frees=" << m.Frees
        << " NextGC=" << m.NextGC << "\n";
    if (setup.cfg.checkmark)
        out << "oracle: every reachable object was marked in every cycle\n";
    if (hash)
        out << hex64(runHash(rt)) << "\n";
    return 0;
}

} // namespace gclab::cli
