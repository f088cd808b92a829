// gclab run — when the time-series exports (--metrics-csv, the counters of --trace-json) take a sample.
#pragma once

#include "sim/event.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace gclab::cli {

// SampleSchedule takes a sample before the first step ("start"), after every step that starts a GC
// cycle ("gc-start": the gcStart event at the end of sweep termination) or ends one ("gc-end": the
// gcDone event at the end of mark termination), after the first step at or past every multiple of
// intervalNs of virtual time ("interval", skipped when the same step already took a GC sample) and
// after the last step ("end"). Virtual time only, so the samples are as deterministic as the run.
class SampleSchedule {
  public:
    static constexpr std::int64_t intervalNs = 10'000;
    enum class Reason : std::uint8_t { start, interval, gcStart, gcEnd, end };
    static std::string_view name(Reason r);

    // forEachSample calls take(reason) for each sample the step calls for, in order.
    template <typename Take>
    void forEachSample(std::int64_t now, std::span<const Event> events, Take&& take) {
        bool tookGC = false;
        for (const Event& e : events) {
            if (e.kind == EventKind::gcStart || e.kind == EventKind::gcDone) {
                take(e.kind == EventKind::gcStart ? Reason::gcStart : Reason::gcEnd);
                tookGC = true;
            }
        }
        if (now >= nextInterval_) {
            if (!tookGC)
                take(Reason::interval);
            nextInterval_ = (now / intervalNs + 1) * intervalNs;
        }
    }

  private:
    std::int64_t nextInterval_ = intervalNs;
};

} // namespace gclab::cli
