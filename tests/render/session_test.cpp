// Tests for render/session.h: the window's run moves through the Timeline exactly like a plain run of
// the scenario, step back undoes step forward, live settings fork, and narration beats fire when the
// model says their moment came. The oracle is always a fresh Runtime stepped without a Timeline.
#include "sim/mstats.h"
#include "sim/rng.h"

#include "render/scenario_source.h"
#include "render/session.h"
#include "scenarios/param_value.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gclab::render {
namespace {

std::uint64_t hashOf(const Runtime& rt) { return rt.stateHash() ^ rt.eventHash.h; }

Runtime plainRun(const std::string& name, std::uint64_t ticks) {
    LoadedScenario sc = loadScenario(name);
    return runScenario(sc, sc.scenario.defaults(), ticks);
}

std::unique_ptr<Session> session(const std::string& name) {
    LoadedScenario sc = loadScenario(name);
    ParamValues v = sc.scenario.defaults();
    return std::make_unique<Session>(std::move(sc), v, true);
}

TEST(Session, SeekReachesTheStateOfAPlainRun) {
    auto s = session("steady-state");
    for (std::uint64_t t : {std::uint64_t{5000}, std::uint64_t{1234}, std::uint64_t{9000}, std::uint64_t{0},
                            std::uint64_t{7777}}) {
        s->seek(t);
        ASSERT_EQ(s->tick(), t);
        EXPECT_EQ(hashOf(s->runtime()), hashOf(plainRun("steady-state", t))) << "tick " << t;
    }
}

TEST(Session, SeekInSlicesArrivesAtThePlainRunsStateAndNeverOverrunsItsBudget) {
    // Property over seeds: random targets reached in slices of a random budget, as a playhead drag
    // does frame by frame, end in the state a plain run has at that tick.
    for (std::uint64_t seed = 1; seed <= 3; seed++) {
        Rng rng(seed);
        auto s = session("steady-state");
        for (int k = 0; k < 3; k++) {
            const std::uint64_t t = rng.below(12000);
            const std::uint64_t budget = 1 + rng.below(3000);
            int calls = 0;
            std::uint64_t before = s->tick();
            while (!s->seekToward(t, budget)) {
                const std::uint64_t now = s->tick();
                ASSERT_LT(now, t);
                if (now > before) {
                    ASSERT_LE(now - before, budget) << "seed " << seed;
                }
                before = now;
                ASSERT_LT(++calls, 100) << "seed " << seed << ": no progress towards " << t;
            }
            ASSERT_EQ(s->tick(), t);
            EXPECT_EQ(hashOf(s->runtime()), hashOf(plainRun("steady-state", t)))
                << "seed " << seed << " tick " << t;
        }
    }
}

TEST(Session, StepBackThenForwardReturnsToTheSameState) {
    auto s = session("tricolor-basics");
    // tricolor-basics has one cycle and several phases: step twice (a cycle once) before stepping back.
    for (StepUnit u : {StepUnit::tick, StepUnit::mutatorOp, StepUnit::phase, StepUnit::cycle}) {
        s->seek(0);
        ASSERT_TRUE(s->stepForward(u));
        if (u != StepUnit::cycle) {
            ASSERT_TRUE(s->stepForward(u));
        }
        const std::uint64_t t = s->tick();
        const std::uint64_t h = hashOf(s->runtime());
        ASSERT_TRUE(s->stepBack(u));
        EXPECT_LT(s->tick(), t);
        ASSERT_TRUE(s->stepForward(u));
        EXPECT_EQ(s->tick(), t) << static_cast<int>(u);
        EXPECT_EQ(hashOf(s->runtime()), h) << static_cast<int>(u);
    }
}

TEST(Session, EventsOfATickAreThoseThePlainRunEmitsInThatStep) {
    LoadedScenario sc = loadScenario("tricolor-basics");
    RuntimeConfig cfg = runConfig(sc);
    Runtime plain(cfg);
    sc.scenario.build(plain, sc.scenario.defaults());
    plain.events.clear();
    auto s = session("tricolor-basics");
    std::vector<std::vector<Event>> perTick;
    while (plain.step()) {
        perTick.push_back(plain.events);
        plain.events.clear();
    }
    ASSERT_GT(perTick.size(), 10u);
    for (std::uint64_t t :
         {std::uint64_t{3}, std::uint64_t{perTick.size()}, std::uint64_t{1}, std::uint64_t{17}}) {
        s->seek(t);
        const std::vector<Event>& got = s->tickEvents();
        const std::vector<Event>& want = perTick[t - 1];
        ASSERT_EQ(got.size(), want.size()) << "tick " << t;
        for (std::size_t i = 0; i < got.size(); i++) {
            EXPECT_EQ(got[i].kind, want[i].kind);
            EXPECT_EQ(got[i].a, want[i].a);
        }
        EXPECT_EQ(s->eventsShown(), got.size());
    }
}

TEST(Session, StepByEventVisitsEveryEventOnceAndBackUndoesIt) {
    auto s = session("tricolor-basics");
    std::uint64_t events = 0;
    while (s->stepEventForward())
        events++;
    Runtime plain = plainRun("tricolor-basics", ~std::uint64_t{0});
    EXPECT_EQ(s->tick(), plain.tick);
    // Every event of the run but those build() emitted before tick 0.
    LoadedScenario sc = loadScenario("tricolor-basics");
    Runtime built(runConfig(sc));
    sc.scenario.build(built, sc.scenario.defaults());
    EXPECT_EQ(events, plain.eventCount - built.eventCount);
    const std::uint64_t end = s->tick();
    ASSERT_TRUE(s->stepEventBack());
    ASSERT_TRUE(s->stepEventForward());
    EXPECT_EQ(s->tick(), end);
    EXPECT_EQ(hashOf(s->runtime()), hashOf(plain));
}

// Stepping back by event retraces exactly the events stepping forward showed, across ticks that emit
// nothing, and lands on the plain run's state at each tick.
TEST(Session, StepByEventBackRetracesTheForwardWalk) {
    auto s = session("hybrid-write-barrier");
    std::vector<std::pair<std::uint64_t, std::size_t>> walk;
    for (int i = 0; i < 3000 && s->stepEventForward(); i++)
        walk.emplace_back(s->tick(), s->eventsShown());
    ASSERT_GT(walk.back().first, walk.size() / 4) << "the walk should cross many ticks";
    for (std::size_t i = walk.size() - 1; i-- > 0;) {
        ASSERT_TRUE(s->stepEventBack());
        ASSERT_EQ(std::make_pair(s->tick(), s->eventsShown()), walk[i])
            << "step back " << walk.size() - 1 - i;
    }
    Runtime plain = plainRun("hybrid-write-barrier", walk.front().first);
    EXPECT_EQ(hashOf(s->runtime()), hashOf(plain));
}

TEST(Session, AGOGCChangeForksAndKeepsTheOriginalRun) {
    auto s = session("steady-state");
    s->seek(20000);
    ASSERT_EQ(s->original(), nullptr);
    const std::uint64_t goal = s->runtime().gcController.heapGoal();
    s->setGOGC(50);
    ASSERT_NE(s->original(), nullptr);
    EXPECT_EQ(s->runtime().gcController.gcPercent, 50);
    EXPECT_LT(s->runtime().gcController.heapGoal(), goal);
    EXPECT_EQ(s->original()->current().gcController.gcPercent, 100);
    EXPECT_EQ(s->original()->tick(), 20000u);
    // The fork continues with the new setting; going back before the change restores the old one.
    s->stepForward(StepUnit::phase);
    EXPECT_EQ(s->runtime().gcController.gcPercent, 50);
    s->seek(100);
    EXPECT_EQ(s->runtime().gcController.gcPercent, 100);
    EXPECT_EQ(hashOf(s->runtime()), hashOf(plainRun("steady-state", 100)));
    s->seek(20001);
    EXPECT_EQ(s->runtime().gcController.gcPercent, 50);
    // A second change does not replace the kept original.
    const Timeline* original = s->original();
    s->setGOGC(-1);
    EXPECT_EQ(s->original(), original);
    EXPECT_EQ(s->runtime().gcController.gcPercent, -1);
}

TEST(Session, NarrationBeatsFireWhenTheModelReachesTheirMoment) {
    LoadedScenario sc = loadScenario("tricolor-basics");
    auto s = session("tricolor-basics");
    while (s->stepForward(StepUnit::tick)) {
    }
    // Oracle: replay a plain run and find each moment by looking at the state and events.
    Runtime plain(runConfig(sc));
    sc.scenario.build(plain, sc.scenario.defaults());
    plain.events.clear();
    const std::vector<NarrationBeat>& beats = sc.scenario.narration;
    ASSERT_FALSE(beats.empty());
    std::vector<std::optional<std::uint64_t>> want(beats.size());
    GCPhase last = plain.gcphase;
    for (std::size_t i = 0; i < beats.size(); i++)
        if (beats[i].when == "start")
            want[i] = 0;
    while (plain.step()) {
        for (std::size_t i = 0; i < beats.size(); i++) {
            if (want[i])
                continue;
            const std::string& w = beats[i].when;
            bool hit = false;
            if (w.rfind("gc:", 0) == 0)
                hit = plain.work.cycles >= std::stoull(w.substr(3));
            else if (w == "phase:mark")
                hit = last != GCPhase::mark && plain.gcphase == GCPhase::mark;
            else if (w == "phase:marktermination")
                hit = last != GCPhase::marktermination && plain.gcphase == GCPhase::marktermination;
            else if (w.rfind("event:", 0) == 0)
                for (const Event& e : plain.events)
                    hit = hit || std::string(eventKindName(e.kind)) == w.substr(6);
            if (hit)
                want[i] = plain.tick;
        }
        last = plain.gcphase;
        plain.events.clear();
    }
    int fired = 0;
    for (std::size_t i = 0; i < beats.size(); i++) {
        EXPECT_EQ(s->narration().firedAt()[i], want[i]) << beats[i].when;
        fired += want[i].has_value();
    }
    EXPECT_GE(fired, 3);
}

// With a limit set, the series also holds the memory the limit bounds: MemStats' Sys - HeapReleased.
TEST(Session, SeriesHoldTheMappedMemoryWhileALimitIsSet) {
    auto s = session("memory-limit");
    for (int i = 0; i < 6000 && s->stepForward(StepUnit::tick); i++) {
    }
    std::size_t checked = 0;
    for (const SeriesSample& x : s->series().samples()) {
        if (x.tick % 500 != 0)
            continue;
        Runtime plain = plainRun("memory-limit", x.tick);
        const MemStats m = readMemStats(plain);
        ASSERT_NE(x.memoryLimit, SeriesSample::unset);
        EXPECT_EQ(x.mapped, m.Sys - m.HeapReleased) << "tick " << x.tick;
        checked++;
    }
    EXPECT_GE(checked, 10u);
}

TEST(Session, SeriesCoverTheRunAndTimeMapsBackToTicks) {
    auto s = session("tricolor-basics");
    while (s->stepForward(StepUnit::tick)) {
    }
    const std::vector<SeriesSample>& xs = s->series().samples();
    ASSERT_EQ(xs.size(), s->tick() + 1); // short run: every tick sampled
    for (const SeriesSample& x : xs) {
        Runtime plain = plainRun("tricolor-basics", x.tick);
        EXPECT_EQ(x.ns, plain.now());
        EXPECT_EQ(x.heapLive, plain.gcController.heapLive);
        EXPECT_EQ(x.heapInuse, plain.mheap.heapInUse);
        EXPECT_EQ(x.trigger, plain.gcController.trigger());
        EXPECT_EQ(x.heapSys, plain.mheap.heapInUse + plain.mheap.heapFree + plain.mheap.heapReleased);
        EXPECT_EQ(x.memoryLimit, SeriesSample::unset); // tricolor-basics sets no GOMEMLIMIT
        EXPECT_EQ(x.mapped, SeriesSample::unset);
        // Several ticks can share a virtual time (the lowest P clock): tickAt gives the last of them.
        const std::uint64_t t = s->series().tickAt(x.ns);
        EXPECT_GE(t, x.tick);
        EXPECT_EQ(xs[t].ns, x.ns);
    }
    ASSERT_EQ(s->series().cycles().size(), 1u);
    EXPECT_EQ(s->series().cycles()[0].stats.num, s->runtime().work.history[0].num);
}

TEST(SeriesRecorder, ThinsOutButKeepsTheWholeRange) {
    auto s = session("steady-state");
    s->seek(3 * SeriesRecorder::maxSamples);
    const auto& xs = s->series().samples();
    EXPECT_LE(xs.size(), SeriesRecorder::maxSamples);
    EXPECT_GE(xs.size(), SeriesRecorder::maxSamples / 2);
    EXPECT_EQ(xs.front().tick, 0u);
    EXPECT_GE(xs.back().tick, 3 * SeriesRecorder::maxSamples - 8);
    for (std::size_t i = 1; i < xs.size(); i++)
        EXPECT_LT(xs[i - 1].tick, xs[i].tick);
}

// What P p ran in rt's last step, classified from the scheduler's own record (not P.lastRun): its mark
// worker's mode, user code or an assist; -1 when the step was not p's or says nothing certain.
int classOf(const Runtime& rt, std::size_t p, const std::vector<Event>& events) {
    if (rt.curP != p || rt.lastStep == Runtime::StepKind::stw)
        return -1;
    if (rt.lastStep == Runtime::StepKind::markWorker) {
        switch (rt.allp[p].workerMode) {
        case MarkWorkerMode::dedicated:
            return static_cast<int>(PLaneState::markDedicated);
        case MarkWorkerMode::fractional:
            return static_cast<int>(PLaneState::markFractional);
        case MarkWorkerMode::idle:
            return static_cast<int>(PLaneState::markIdle);
        case MarkWorkerMode::none:
            return -1;
        }
    }
    if (rt.lastStep == Runtime::StepKind::mutatorOp) {
        bool assist = rt.goroutine(rt.curG).assistWorkLeft > 0;
        for (const Event& e : events)
            assist = assist || e.kind == EventKind::assist;
        return static_cast<int>(assist ? PLaneState::assist : PLaneState::mutator);
    }
    if (rt.lastStep == Runtime::StepKind::idle)
        return static_cast<int>(PLaneState::idle);
    return -1;
}

TEST(SeriesRecorder, LanesBookEveryStepsTimeOnItsPsClock) {
    // The small steady-state marks from about tick 40 000 to 47 000.
    LoadedScenario sc = loadScenario("steady-state");
    sc.scenario.gogc = 25;
    ParamValues v = sc.scenario.defaults();
    ASSERT_EQ(applyParamOverride(sc.scenario, "live_bytes=256KiB", v), "");
    const std::uint64_t end = 48000;
    Session s(sc, v);
    s.seek(end);
    const PLaneRecorder& rec = s.series().lanes();
    ASSERT_EQ(rec.procs(), s.runtime().allp.size());

    // The oracle: each step's cost on each P's clock, under the class the scheduler's record gives it.
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = true;
    Runtime rt(cfg);
    sc.scenario.build(rt, v);
    rt.events.clear();
    std::vector<std::int64_t> clock, unknown(rec.procs(), 0);
    for (const P& p : rt.allp)
        clock.push_back(p.clock);
    const std::vector<std::int64_t> start = clock;
    std::vector<PLaneTimes> oracle(rec.procs(), PLaneTimes{});
    while (rt.tick < end && rt.step()) {
        for (std::size_t p = 0; p < rec.procs(); p++) {
            const std::int64_t dt = rt.allp[p].clock - clock[p];
            clock[p] = rt.allp[p].clock;
            const int c = rt.lastStep == Runtime::StepKind::stw ? static_cast<int>(PLaneState::stw)
                                                                : classOf(rt, p, rt.events);
            (c >= 0 ? oracle[p][static_cast<std::size_t>(c)] : unknown[p]) += dt;
        }
        rt.events.clear();
    }
    for (std::size_t p = 0; p < rec.procs(); p++) {
        const std::vector<PLaneSegment>& segs = rec.segments(p);
        ASSERT_FALSE(segs.empty());
        // The segments tile the P's clock from the start to now, in order.
        EXPECT_EQ(segs.front().t0, start[p]);
        EXPECT_EQ(segs.back().t1, clock[p]);
        PLaneTimes got{};
        for (std::size_t k = 0; k < segs.size(); k++) {
            EXPECT_LT(segs[k].t0, segs[k].t1);
            if (k > 0) {
                EXPECT_EQ(segs[k - 1].t1, segs[k].t0) << "P" << p << " segment " << k;
                EXPECT_LT(segs[k - 1].tick1, segs[k].tick0);
            }
            std::int64_t sum = 0;
            for (std::size_t i = 0; i < got.size(); i++) {
                got[i] += segs[k].ns[i];
                sum += segs[k].ns[i];
            }
            EXPECT_EQ(sum, segs[k].t1 - segs[k].t0);
        }
        // Every state's time is at least what the oracle could classify, and nothing is lost.
        std::int64_t total = 0, known = 0;
        for (std::size_t i = 0; i < got.size(); i++) {
            EXPECT_GE(got[i], oracle[p][i]) << "P" << p << " " << pLaneName(static_cast<PLaneState>(i));
            total += got[i];
            known += oracle[p][i];
        }
        EXPECT_EQ(total, known + unknown[p]) << "P" << p;
        EXPECT_LT(unknown[p], total / 4) << "P" << p << ": the oracle classified too little to check";
    }
    // The run had user code, a fractional mark worker and STW, and the lanes book them.
    for (PLaneState st : {PLaneState::mutator, PLaneState::markFractional, PLaneState::stw}) {
        std::int64_t t = 0;
        for (std::size_t p = 0; p < rec.procs(); p++)
            for (const PLaneSegment& seg : rec.segments(p))
                t += seg.ns[static_cast<std::size_t>(st)];
        EXPECT_GT(t, 0) << pLaneName(st);
    }
}

TEST(SeriesRecorder, ALiveChangeForgetsTheLanesAfterIt) {
    auto s = session("tricolor-basics");
    s->seek(40);
    const PLaneRecorder before = s->series().lanes();
    s->seek(60);
    s->seek(40);
    s->setGOGC(50);
    for (std::size_t p = 0; p < before.procs(); p++) {
        const std::vector<PLaneSegment>& got = s->series().lanes().segments(p);
        ASSERT_LE(got.size(), before.segments(p).size());
        for (std::size_t k = 0; k < got.size(); k++) {
            EXPECT_LE(got[k].tick1, 40u);
            EXPECT_EQ(got[k].t0, before.segments(p)[k].t0);
        }
    }
}

TEST(PLanes, AColumnShowsTheStateWithTheMostTime) {
    PLaneTimes t{};
    EXPECT_EQ(pLaneDominant(t), PLaneState::stw); // a tie goes to the more GC-related state
    t[static_cast<std::size_t>(PLaneState::mutator)] = 90;
    t[static_cast<std::size_t>(PLaneState::stw)] = 10;
    EXPECT_EQ(pLaneDominant(t), PLaneState::mutator);
    t[static_cast<std::size_t>(PLaneState::assist)] = 90;
    EXPECT_EQ(pLaneDominant(t), PLaneState::assist);
    for (int i = 0; i < pLaneStates; i++)
        EXPECT_NE(std::string(pLaneName(static_cast<PLaneState>(i))), "");
}

} // namespace
} // namespace gclab::render
