// gclab-gui — the settings a compared run differs in: GOGC, GOMEMLIMIT, GOMAXPROCS, the write barrier,
// the Go version profile and scenario parameters, as written on the command line
// (gclab-gui --compare gogc=50,gomemlimit=64MiB) or chosen in the window's "Compare with…" popup.
// Pure C++: parsing reuses Go's setting parsers (sim/goenv.h) and the scenario parameter parser.
#pragma once

#include "render/scenario_source.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gclab::render {

// RunOverrides changes a run's start settings; an empty one is the run as the scenario starts it.
struct RunOverrides {
    std::optional<std::int32_t> gogc; // negative: off
    std::optional<std::int64_t> memoryLimit;
    std::optional<std::uint32_t> gomaxprocs;
    std::optional<BarrierMode> barrier;
    std::optional<GoVersion> goVersion;
    ParamValues params; // only the parameters that change

    bool empty() const {
        return !gogc && !memoryLimit && !gomaxprocs && !barrier && !goVersion && params.empty();
    }
};

// parseRunOverrides reads "original" (no change) or comma-separated KEY=VALUE settings: gogc (an
// integer or off), gomemlimit (a byte count such as 64MiB, or off), gomaxprocs (1 to 256), barrier
// (hybrid, hybrid-conceptual, dijkstra, yuasa, off), go-version (1.19 or 1.26), or the name of one of the
// scenario's parameters. Returns "" or a one-line message saying what was expected.
std::string parseRunOverrides(std::string_view spec, const Scenario& scenario, RunOverrides& out);

// applyRunOverrides changes the scenario's run settings and the parameter values in place; params holds
// every parameter of the scenario, and overridden parameters it does not hold are left out.
void applyRunOverrides(const RunOverrides& o, LoadedScenario& sc, ParamValues& params);

// describeRun names a run's settings as they are now (GOGC=50 GOMEMLIMIT=off GOMAXPROCS=1 hybrid
// go1.19), followed by the parameters whose values differ from `reference`.
std::string describeRun(const Runtime& rt, const LoadedScenario& sc, const ParamValues& params,
                        const ParamValues& reference);

} // namespace gclab::render
