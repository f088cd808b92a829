#include "cli/run_observer.h"

#include <algorithm>
#include <limits>

namespace gclab::cli {

std::uint64_t runObserved(Runtime& rt, const RunObservers& observers) {
    if (observers.empty())
        return rt.runUntilDone(std::numeric_limits<std::uint64_t>::max());
    SIM_CHECK(rt.config().recordEvents, "runObserved: observers need RuntimeConfig::recordEvents");
    auto deliver = [&](const StepSpan& span) {
        for (const auto& o : observers)
            o->onStep(rt, span, rt.events);
        rt.events.clear();
    };
    deliver(StepSpan{});
    std::vector<std::int64_t> clocks; // every P's clock before the next step
    for (const P& p : rt.allp)
        clocks.push_back(p.clock);
    std::uint64_t steps = 0;
    while (rt.step()) {
        steps++;
        StepSpan span;
        if (rt.lastStep == Runtime::StepKind::stw) {
            // stopTheWorld moved every P to the latest clock, then the pause charged every P.
            span.start = *std::max_element(clocks.begin(), clocks.end());
            span.end = rt.allp[0].clock;
            for (std::size_t i = 0; i < clocks.size(); i++)
                clocks[i] = rt.allp[i].clock;
        } else {
            span.p = rt.curP;
            span.start = clocks[rt.curP];
            span.end = rt.allp[rt.curP].clock;
            clocks[rt.curP] = span.end;
        }
        deliver(span);
    }
    return steps;
}

} // namespace gclab::cli
