// gclab run — observers of a headless run: the exporters (--memstats-json, --metrics-csv,
// --trace-json, --pprof) watch the run step by step and write their file at the end.
#pragma once

#include "sim/runtime.h"

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

namespace gclab::cli {

// ExportError is a failure to write an export; its message is the one line the CLI prints.
class ExportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// StepSpan is the virtual time one step took. p is the P that acted, or noP for a stop-the-world step
// (which every P spends) and for the events the scenario's setup emitted before the first step.
struct StepSpan {
    static constexpr std::uint32_t noP = ~std::uint32_t{0};
    std::int64_t start = 0; // virtual ns
    std::int64_t end = 0;
    std::uint32_t p = noP;
};

class RunObserver {
  public:
    virtual ~RunObserver() = default;
    // onStep sees the model after each step together with the events that step emitted, in order.
    virtual void onStep(const Runtime& rt, const StepSpan& span, std::span<const Event> events) = 0;
    // finish writes the export after the last step; throws ExportError.
    virtual void finish(const Runtime& rt) = 0;
};

using RunObservers = std::vector<std::unique_ptr<RunObserver>>;

// runObserved steps rt to the end like Runtime::runUntilDone, handing every step to the observers and
// draining Runtime::events after each one (rt must record events when observers are given). Events
// the setup emitted before the first step come first, as a step of zero length. Returns steps taken.
std::uint64_t runObserved(Runtime& rt, const RunObservers& observers);

} // namespace gclab::cli
