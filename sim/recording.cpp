#include "sim/recording.h"

#include <algorithm>

namespace gclab {

void applyCommand(Runtime& rt, const Command& c) {
    switch (c.kind) {
    case CommandKind::setGOGC:
        rt.setGCPercent(static_cast<std::int32_t>(c.value));
        break;
    case CommandKind::setBarrier:
        rt.setBarrier(static_cast<BarrierMode>(c.value));
        break;
    case CommandKind::forceGC:
        rt.gcForce();
        break;
    case CommandKind::setMemoryLimit:
        rt.setMemoryLimit(c.value);
        break;
    }
}

Timeline::Timeline(const Runtime& start, std::size_t keyframeBudgetBytes)
    : cur_(start), budget_(keyframeBudgetBytes) {
    keyframes_.emplace(cur_.tick, cur_);
    recountKeyframeBytes();
    frontier_ = cur_.tick;
    hashes_[cur_.tick] = cur_.eventHash.h;
}

void Timeline::applyCommandsAt(std::uint64_t t) {
    for (const Command& c : commands_)
        if (c.tick == t)
            applyCommand(cur_, c);
}

void Timeline::maybeKeyframe() {
    std::uint64_t t = cur_.tick;
    if (t % keyframeInterval_ != 0 || keyframes_.contains(t))
        return;
    keyframes_.emplace(t, cur_);
    recountKeyframeBytes();
    while (keyframeBytes_ > budget_ && keyframes_.size() > 2) {
        // Over budget: keep every other keyframe (the first always stays) and double the spacing.
        keyframeInterval_ *= 2;
        for (auto it = std::next(keyframes_.begin()); it != keyframes_.end();) {
            if (it->first % keyframeInterval_ != 0)
                it = keyframes_.erase(it);
            else
                ++it;
        }
        recountKeyframeBytes();
    }
}

void Timeline::recountKeyframeBytes() {
    // Consecutive keyframes share the span records that did not change between them: each costs
    // what it does not share with the one before.
    keyframeBytes_ = 0;
    const Runtime* prev = nullptr;
    for (const auto& [t, k] : keyframes_) {
        keyframeBytes_ += k.approxBytes(prev);
        prev = &k;
    }
}

bool Timeline::stepOnce() {
    std::uint64_t t = cur_.tick;
    if (t == frontier_ && finished_)
        return false;
    GCPhase phase = cur_.gcphase;
    STWStage stw = cur_.stw;
    std::uint32_t numgc = cur_.work.numgc;
    std::uint64_t events = cur_.eventCount;
    if (!cur_.step()) {
        if (t >= frontier_) {
            frontier_ = t;
            finished_ = true;
        }
        return false;
    }
    if (observer_)
        observer_(cur_);
    Marker m;
    if (cur_.lastStep == Runtime::StepKind::mutatorOp)
        m.bits |= markerOp;
    if (cur_.gcphase != phase || cur_.stw != stw)
        m.bits |= markerPhase;
    if (cur_.work.numgc != numgc)
        m.bits |= markerCycle;
    if (cur_.eventCount != events)
        m.bits |= markerEvents;
    if (markers_.size() <= t)
        markers_.resize(t + 1);
    markers_[t] = m;
    std::uint64_t now = cur_.tick;
    if (now % hashInterval == 0) {
        auto it = hashes_.find(now);
        if (it == hashes_.end())
            hashes_.emplace(now, cur_.eventHash.h);
        else if (it->second != cur_.eventHash.h && !diverged_)
            diverged_ = now;
    }
    if (now > frontier_) {
        frontier_ = now;
        maybeKeyframe();
    }
    applyCommandsAt(now);
    return true;
}

bool Timeline::stepForward(StepUnit u) { return *stepForwardToward(u, ~std::uint64_t{0}); }

std::optional<bool> Timeline::stepForwardToward(StepUnit u, std::uint64_t maxSteps) {
    std::uint8_t want = u == StepUnit::mutatorOp ? markerOp
                        : u == StepUnit::phase   ? markerPhase
                        : u == StepUnit::cycle   ? markerCycle
                                                 : 0;
    for (std::uint64_t n = 0; n < maxSteps; n++) {
        std::uint64_t t = cur_.tick;
        if (!stepOnce())
            return false;
        if (want == 0 || (markers_[t].bits & want) != 0)
            return true;
    }
    return std::nullopt;
}

bool Timeline::stepBack(StepUnit u) {
    if (cur_.tick == 0)
        return false;
    seek(unitStartBefore(u, cur_.tick));
    return true;
}

std::uint64_t Timeline::eventTickBefore(std::uint64_t t) const {
    // markers_[k] describes the step from k to k + 1.
    for (std::uint64_t k = std::min<std::uint64_t>(t, markers_.size()); k-- > 1;)
        if ((markers_[k - 1].bits & markerEvents) != 0)
            return k;
    return 0;
}

std::uint64_t Timeline::unitStartBefore(StepUnit u, std::uint64_t t) const {
    std::uint8_t want = u == StepUnit::mutatorOp ? markerOp
                        : u == StepUnit::phase   ? markerPhase
                        : u == StepUnit::cycle   ? markerCycle
                                                 : 0;
    // The start of the previous unit: the last marked step before now begins at its tick.
    std::uint64_t target = 0;
    for (std::uint64_t k = t; k-- > 0;) {
        if (want == 0 || (k < markers_.size() && (markers_[k].bits & want) != 0)) {
            target = k;
            break;
        }
    }
    return target;
}

void Timeline::restoreAtOrBefore(std::uint64_t t) {
    auto it = std::prev(keyframes_.upper_bound(t)); // the first keyframe is at the start: one always exists
    cur_ = it->second;
    // A keyframe holds the state before the commands of its tick.
    applyCommandsAt(cur_.tick);
}

void Timeline::seek(std::uint64_t t) { seekToward(t, ~std::uint64_t{0}); }

bool Timeline::seekToward(std::uint64_t t, std::uint64_t maxSteps) {
    auto nearest = std::prev(keyframes_.upper_bound(t));
    if (t < cur_.tick || nearest->first > cur_.tick)
        restoreAtOrBefore(t);
    for (std::uint64_t n = 0; cur_.tick < t && n < maxSteps; n++)
        if (!stepOnce())
            return true;
    return cur_.tick >= t;
}

void Timeline::command(Command c) {
    std::uint64_t now = cur_.tick;
    c.tick = now;
    // Forget the future: commands, keyframes, markers and hashes after now.
    std::erase_if(commands_, [&](const Command& x) { return x.tick > now; });
    keyframes_.erase(keyframes_.upper_bound(now), keyframes_.end());
    recountKeyframeBytes();
    hashes_.erase(hashes_.upper_bound(now), hashes_.end());
    if (markers_.size() > now)
        markers_.resize(now);
    frontier_ = now;
    finished_ = false;
    diverged_.reset();
    commands_.push_back(c);
    applyCommand(cur_, c);
}

Timeline Timeline::fork() const {
    Timeline f = *this;
    std::uint64_t now = cur_.tick;
    std::erase_if(f.commands_, [&](const Command& x) { return x.tick > now; });
    f.keyframes_.erase(f.keyframes_.upper_bound(now), f.keyframes_.end());
    f.recountKeyframeBytes();
    f.hashes_.erase(f.hashes_.upper_bound(now), f.hashes_.end());
    if (f.markers_.size() > now)
        f.markers_.resize(now);
    f.frontier_ = now;
    f.finished_ = false;
    return f;
}

void Timeline::load(std::vector<Command> commands, std::map<std::uint64_t, std::uint64_t> expectedHashes) {
    commands_ = std::move(commands);
    std::sort(commands_.begin(), commands_.end(),
              [](const Command& a, const Command& b) { return a.tick < b.tick; });
    for (auto& [t, h] : expectedHashes)
        hashes_[t] = h;
    applyCommandsAt(cur_.tick);
}

} // namespace gclab
