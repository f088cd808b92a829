// Tests for render/object_history.h: the replayed history of an object equals what a plain run, stepped
// tick by tick with every event kept, says about that address since its last allocation (also across
// live commands and address reuse); a replay is independent of the session and can be dropped midway.
#include "render/object_history.h"
#include "render/scenario_source.h"
#include "render/session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace gclab::render {
namespace {

std::unique_ptr<Session> session(const std::string& name) {
    LoadedScenario sc = loadScenario(name);
    ParamValues v = sc.scenario.defaults();
    return std::make_unique<Session>(std::move(sc), v);
}

// PlainRun steps a fresh runtime tick by tick and keeps every alloc, grey, black and free event by
// address (the oracle: no keyframes, no replay, no filtering by object).
struct PlainRun {
    std::map<uintptr, std::vector<Event>> byAddr;
    std::vector<Event> gcStarts;
    std::unique_ptr<Runtime> rt;

    PlainRun(const std::string& name, std::uint64_t ticks, const std::vector<Command>& commands = {}) {
        LoadedScenario sc = loadScenario(name);
        RuntimeConfig cfg = runConfig(sc);
        cfg.recordEvents = true;
        rt = std::make_unique<Runtime>(cfg);
        sc.scenario.build(*rt, sc.scenario.defaults());
        rt->events.clear();
        while (rt->tick < ticks) {
            for (const Command& c : commands)
                if (c.tick == rt->tick)
                    applyCommand(*rt, c);
            if (!rt->step())
                break;
            for (const Event& e : rt->events)
                if (e.kind == EventKind::gcStart)
                    gcStarts.push_back(e);
                else if (e.kind == EventKind::alloc || e.kind == EventKind::grey ||
                         e.kind == EventKind::black || e.kind == EventKind::free)
                    byAddr[e.a].push_back(e);
            rt->events.clear();
        }
    }
};

struct Expected {
    std::optional<std::uint64_t> allocTick;
    std::vector<std::pair<EventKind, std::uint64_t>> changes;
    std::size_t allocs = 0; // alloc events at the address before the tick
};

Expected expectedFor(const PlainRun& run, uintptr base) {
    Expected x;
    auto it = run.byAddr.find(base);
    if (it == run.byAddr.end())
        return x;
    for (const Event& e : it->second) {
        if (e.kind == EventKind::alloc) {
            x.allocTick = e.tick;
            x.changes.clear();
            x.allocs++;
        } else {
            x.changes.emplace_back(e.kind, e.tick);
        }
    }
    return x;
}

std::vector<std::pair<EventKind, std::uint64_t>> changesOf(const ObjectHistory& h) {
    std::vector<std::pair<EventKind, std::uint64_t>> out;
    for (const ColourChange& c : h.changes)
        out.emplace_back(c.kind == ColourChange::Kind::grey    ? EventKind::grey
                         : c.kind == ColourChange::Kind::black ? EventKind::black
                                                               : EventKind::free,
                         c.tick);
    return out;
}

// Every allocated object's slot base at the runtime's tick.
std::vector<uintptr> allocatedObjects(const Runtime& rt) {
    std::vector<uintptr> out;
    for (SpanId id = 0; id < rt.mheap.numSpanRecords(); id++) {
        const MSpan& s = rt.mheap.span(id);
        if (s.state != MSpanState::mSpanInUse)
            continue;
        for (std::uint32_t slot = 0; slot < s.nelems; slot++)
            if (!s.isFree(slot))
                out.push_back(s.base() + uintptr{slot} * s.elemsize);
    }
    return out;
}

ObjectHistory replay(const Timeline& tl, uintptr base, std::uint64_t slice) {
    ObjectHistoryReplay r(tl, base, tl.tick());
    double last = r.progress();
    while (!r.advance(slice)) {
        EXPECT_GE(r.progress(), last);
        EXPECT_LT(r.progress(), 1.0);
        last = r.progress();
    }
    EXPECT_EQ(r.progress(), 1.0);
    return r.history();
}

// checkAgainstThePlainRun replays every stride-th allocated object and compares it with the oracle;
// returns how many had been allocated more than once at their address.
std::size_t checkAgainstThePlainRun(const Session& s, const PlainRun& run, std::size_t objects,
                                    const std::string& what) {
    const std::vector<uintptr> objs = allocatedObjects(s.runtime());
    EXPECT_GT(objs.size(), 10u) << what;
    const std::size_t stride = std::max<std::size_t>(1, objs.size() / objects);
    std::size_t reused = 0;
    for (std::size_t i = 0; i < objs.size(); i += stride) {
        const ObjectHistory h = replay(s.timeline(), objs[i], 97 + i % 1000);
        const Expected x = expectedFor(run, objs[i]);
        EXPECT_EQ(h.allocTick, x.allocTick) << what << " " << std::hex << objs[i];
        EXPECT_EQ(changesOf(h), x.changes) << what << " " << std::hex << objs[i];
        EXPECT_EQ(h.tick, s.tick());
        std::vector<std::pair<std::uint32_t, std::uint64_t>> starts;
        for (const Event& e : run.gcStarts)
            if (!x.allocTick || e.tick >= *x.allocTick)
                starts.emplace_back(static_cast<std::uint32_t>(e.a), e.tick);
        EXPECT_EQ(h.cycleStarts, starts) << what;
        if (x.allocTick) {
            const Event& alloc = *std::find_if(run.byAddr.at(objs[i]).rbegin(), run.byAddr.at(objs[i]).rend(),
                                               [](const Event& e) { return e.kind == EventKind::alloc; });
            EXPECT_EQ(h.allocG, alloc.g);
            EXPECT_EQ(h.allocP, alloc.p);
            EXPECT_EQ(h.size, alloc.b);
            EXPECT_EQ(h.type, alloc.c);
            // An object a goroutine allocated comes from one of its program's newobj/newarray ops.
            EXPECT_TRUE(alloc.g == 0 || h.site) << what;
            if (alloc.g != 0 && h.site) {
                const Op& op = s.runtime().programs.at(h.site->program).ops.at(h.site->pc);
                EXPECT_TRUE(op.code == OpCode::newobj || op.code == OpCode::newarray);
                if (op.code == OpCode::newobj) {
                    EXPECT_EQ(static_cast<uintptr>(op.b), alloc.c) << what;
                }
            }
        }
        // Within a cycle a scanned object turns grey before black; marks only happen after a gcStart.
        for (std::size_t k = 0; k < h.changes.size(); k++) {
            const ColourChange& c = h.changes[k];
            if (c.kind == ColourChange::Kind::free)
                continue;
            EXPECT_TRUE(c.kind == ColourChange::Kind::grey || c.cause || k > 0) << what;
            if (c.cause == GreyCause::scanobject) {
                EXPECT_NE(c.by, 0u);
            }
        }
        if (x.allocs > 1)
            reused++;
    }
    return reused;
}

TEST(ObjectHistory, EqualsThePlainRunsEventsSinceTheLastAllocation) {
    struct Case {
        const char* scenario;
        std::uint64_t ticks;
        std::size_t objects; // about this many objects are replayed
    };
    std::size_t reused = 0;
    for (const Case c : {Case{"tour", 30000, 40}, Case{"hybrid-write-barrier", 30000, 24},
                         Case{"dijkstra-vs-yuasa", 30000, 24}, Case{"span-lifecycle", 7000, 24}}) {
        auto s = session(c.scenario);
        s->seek(c.ticks);
        ASSERT_GT(s->timeline().keyframeCount(), c.ticks > 4096 ? 1u : 0u);
        reused += checkAgainstThePlainRun(*s, PlainRun(c.scenario, s->tick()), c.objects, c.scenario);
    }
    // Address reuse was exercised: objects whose address held an earlier, freed object.
    EXPECT_GT(reused, 0u);
}

TEST(ObjectHistory, ReplaysTheRunsLiveCommands) {
    auto s = session("linked-list-churn");
    s->seek(3000);
    s->setGOGC(10);
    s->seek(7000);
    s->forceGC();
    s->seek(12000);
    const std::vector<Command>& commands = s->timeline().commands();
    ASSERT_EQ(commands.size(), 2u);
    checkAgainstThePlainRun(*s, PlainRun("linked-list-churn", s->tick(), commands), 30, "commands");
}

TEST(ObjectHistory, AReplayIsIndependentOfTheSessionAndCanBeDroppedMidway) {
    auto s = session("linked-list-churn");
    s->seek(10000);
    const std::vector<uintptr> objs = allocatedObjects(s->runtime());
    ASSERT_FALSE(objs.empty());
    const uintptr obj = objs[objs.size() / 2];
    const ObjectHistory whole = replay(s->timeline(), obj, ~std::uint64_t{0});
    const std::uint64_t hash = s->runtime().stateHash() ^ s->runtime().eventHash.h;
    {
        // Cancelled: dropped after a few slices; the session is as it was.
        auto r = std::make_unique<ObjectHistoryReplay>(s->timeline(), obj, s->tick());
        EXPECT_FALSE(r->advance(100));
        EXPECT_FALSE(r->done());
        r.reset();
        EXPECT_EQ(s->runtime().stateHash() ^ s->runtime().eventHash.h, hash);
    }
    // The session moves on (and changes its future) while a replay is under way: the replay still
    // describes the object at the tick it was asked about.
    ObjectHistoryReplay r(s->timeline(), obj, s->tick());
    r.advance(500);
    s->setGOGC(5);
    s->seek(15000);
    s->seek(2000);
    while (!r.advance(1000)) {
    }
    EXPECT_EQ(r.history(), whole);
}

TEST(ObjectHistory, CauseNamesAreGos) {
    EXPECT_STREQ(greyCauseName(GreyCause::markroot), "markroot");
    EXPECT_STREQ(greyCauseName(GreyCause::scanobject), "scanobject");
    EXPECT_STREQ(greyCauseName(GreyCause::wbBufFlush), "wbBufFlush");
}

} // namespace
} // namespace gclab::render
