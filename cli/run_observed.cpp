#include "cli/run_observer.h"

#include <algorithm>

namespace gclab::cli {

ObserverFeed::ObserverFeed(const RunObservers& observers, Runtime& rt) : observers_(observers) {
    if (observers_.empty())
        return;
    SIM_CHECK(rt.config().recordEvents, "ObserverFeed: observers need RuntimeConfig::recordEvents");
    deliver(rt, StepSpan{});
    for (const P& p : rt.allp)
        clocks_.push_back(p.clock);
}

void ObserverFeed::afterStep(Runtime& rt) {
    if (observers_.empty())
        return;
    StepSpan span;
    if (rt.lastStep == Runtime::StepKind::stw) {
        // stopTheWorld moved every P to the latest clock, then the pause charged every P.
        span.start = *std::max_element(clocks_.begin(), clocks_.end());
        span.end = rt.allp[0].clock;
        for (std::size_t i = 0; i < clocks_.size(); i++)
            clocks_[i] = rt.allp[i].clock;
    } else {
        span.p = rt.curP;
        span.start = clocks_[rt.curP];
        span.end = rt.allp[rt.curP].clock;
        clocks_[rt.curP] = span.end;
    }
    deliver(rt, span);
}

void ObserverFeed::finish(const Runtime& rt) {
    for (const auto& o : observers_)
        o->finish(rt);
}

void ObserverFeed::deliver(Runtime& rt, const StepSpan& span) {
    for (const auto& o : observers_)
        o->onStep(rt, span, rt.events);
    rt.events.clear();
}

} // namespace gclab::cli
