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

// ObserverFeed hands a run to the observers step by step: first the events the scenario's setup emitted
// (as a step of zero length, when the feed is made), then after every step the virtual time it took and
// the events it emitted, draining Runtime::events each time (rt must record events when observers are
// given). With no observers it does nothing.
class ObserverFeed {
  public:
    ObserverFeed(const RunObservers& observers, Runtime& rt);
    void afterStep(Runtime& rt);
    // finish lets every observer write its file; throws ExportError.
    void finish(const Runtime& rt);

  private:
    void deliver(Runtime& rt, const StepSpan& span);

    const RunObservers& observers_;
    std::vector<std::int64_t> clocks_; // every P's clock before the next step
};

} // namespace gclab::cli
