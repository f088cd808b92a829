// The built-in TOML scenarios: all embedded and registered, and each runs to the end with the oracle
// on, with every narration beat's moment actually happening.
#include "sim/mstats.h"

#include "scenarios/narration_cues.h"
#include "scenarios/scenario_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace gclab {
namespace {

const std::vector<std::string> required = {
    "tiny-allocator",    "size-classes",         "large-objects",  "mcache-refill",
    "tricolor-basics",   "hybrid-write-barrier", "steady-state",   "linked-list-churn",
    "binary-trees",      "many-goroutines",      "tour",           "span-lifecycle",
    "dijkstra-vs-yuasa", "leaking-map",          "gogc-tradeoff",  "memory-limit",
    "scavenger",         "fragmentation",        "escape-analysis"};

TEST(ScenarioLibrary, EveryEmbeddedFileIsRegisteredUnderItsFileName) {
    ASSERT_GE(embeddedLibrary().size(), required.size());
    EXPECT_EQ(libraryScenarios().size(), embeddedLibrary().size()); // none failed to parse
    for (const ScenarioFile& f : libraryScenarios()) {
        EXPECT_EQ(f.file, "scenarios/library/" + f.scenario.name + ".toml");
        const Scenario* s = findScenario(f.scenario.name);
        ASSERT_NE(s, nullptr) << f.scenario.name;
        EXPECT_EQ(s->description, f.scenario.description);
        EXPECT_EQ(findLibraryScenario(f.scenario.name), &f);
    }
    for (const std::string& name : required)
        EXPECT_NE(findLibraryScenario(name), nullptr) << name;
    EXPECT_NE(findScenario("missing-write-barrier"), nullptr); // the C++ scenarios are still there
    EXPECT_EQ(findLibraryScenario("missing-write-barrier"), nullptr);
}

TEST(ScenarioLibrary, NamesAreUniqueAndListedInOrder) {
    std::set<std::string> names;
    for (const Scenario& s : allScenarios())
        EXPECT_TRUE(names.insert(s.name).second) << "two scenarios are called " << s.name;
    EXPECT_TRUE(std::is_sorted(allScenarios().begin(), allScenarios().end(),
                               [](const Scenario& a, const Scenario& b) { return a.name < b.name; }));
}

TEST(ScenarioLibrary, SteadyStateHasTheAgreedParameters) {
    const ScenarioFile* f = findLibraryScenario("steady-state");
    ASSERT_NE(f, nullptr);
    ParamValues d = f->scenario.defaults();
    std::vector<std::string> names;
    for (const ScenarioParam& p : f->scenario.params)
        names.push_back(p.name);
    EXPECT_EQ(names, (std::vector<std::string>{"live_bytes", "object_size", "pointer_words",
                                               "garbage_per_iter", "iterations", "goroutines"}));
    EXPECT_EQ(f->scenario.params[0].kind, ScenarioParam::Kind::bytes);
    EXPECT_EQ(d.at("live_bytes"), 8 << 20);
    EXPECT_EQ(d.at("object_size"), 64);
    EXPECT_EQ(d.at("pointer_words"), 1);
    EXPECT_EQ(d.at("garbage_per_iter"), 3);
}

class ScenarioLibraryRun : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioLibraryRun, RunsToTheEndWithTheOracleAndEveryBeatHappens) {
    const ScenarioFile* f = findLibraryScenario(GetParam());
    ASSERT_NE(f, nullptr);
    RuntimeConfig cfg = scenarioSettings(f->scenario, f);
    cfg.checkmark = true; // the oracle, at every mark termination and sweep completion
    cfg.logStores = true;
    cfg.recordEvents = true;
    Runtime rt(cfg);
    f->scenario.build(rt, f->scenario.defaults());
    NarrationCues cues(f->scenario.narration);
    cues.start();
    auto drain = [&] {
        for (const Event& e : rt.events)
            cues.observe(e, rt.types);
        rt.events.clear();
    };
    std::uint64_t steps = 0;
    constexpr std::uint64_t maxSteps = 20'000'000;
    while (steps < maxSteps && rt.step()) {
        steps++;
        if (rt.events.size() > 4096)
            drain();
    }
    drain();
    cues.reachTick(rt.tick);
    ASSERT_LT(steps, maxSteps) << "did not finish";
    EXPECT_FALSE(rt.step());
    for (const G& g : rt.allgs) {
        if (g.kind == GKind::user) {
            EXPECT_EQ(g.status, GStatus::dead) << "goroutine " << g.goid;
        }
    }
    EXPECT_GE(readMemStats(rt).NumGC, 1u);
    for (std::size_t i = 0; i < f->scenario.narration.size(); i++)
        EXPECT_TRUE(cues.fired(i)) << GetParam() << ": the beat " << f->scenario.narration[i].when
                                   << " never happens";
}

INSTANTIATE_TEST_SUITE_P(Library, ScenarioLibraryRun, ::testing::ValuesIn(required),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                             std::string n = p.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

} // namespace
} // namespace gclab
