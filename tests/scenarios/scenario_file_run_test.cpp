// Good scenario files: what they declare reaches the Scenario, counts follow the parameter values,
// and what they build runs with the oracle on and leaves exactly what the program keeps reachable.
#include "tests/scenarios/scenario_test_util.h"
#include "tests/sim/test_config.h"

#include "sim/mstats.h"

#include "scenarios/scenario_file.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

TypeId typeNamed(const Runtime& rt, const std::string& name) {
    TypeId t = 0;
    EXPECT_TRUE(rt.types.find(name, t)) << name;
    return t;
}

TEST(ScenarioFileRun, EverySettingReachesTheScenario) {
    ScenarioFile f = parseScenarioFile(R"(globals = 3
[scenario]
name = "settings-demo"
description = "Every setting"
[settings]
gomaxprocs = 3
gogc = "off"
gomemlimit = "96MiB"
barrier = "dijkstra"
seed = 42
[[params]]
name = "n"
kind = "integer"
default = 2
min = 1
max = 9
help = "how many"
[[programs]]
name = "main"
ops = ["gc"]
[[goroutines]]
program = "main"
count = "n"
[[narration]]
when = "phase:mark"
caption = "Marking."
go = "runtime/mgc.go: gcStart"
[[narration]]
when = "tick:100"
caption = "Later."
pause = true
)",
                                       "s.toml");
    EXPECT_EQ(f.scenario.name, "settings-demo");
    EXPECT_EQ(f.scenario.description, "Every setting");
    EXPECT_EQ(f.scenario.gomaxprocs, 3u);
    EXPECT_EQ(f.scenario.gogc, -1);
    EXPECT_EQ(f.scenario.memoryLimit, 96 << 20);
    EXPECT_EQ(f.barrier, BarrierMode::dijkstra);
    EXPECT_EQ(f.seed, 42u);
    ASSERT_EQ(f.scenario.params.size(), 1u);
    EXPECT_EQ(f.scenario.params[0].name, "n");
    EXPECT_EQ(f.scenario.params[0].defaultValue, 2);
    EXPECT_EQ(f.scenario.params[0].max, 9);
    EXPECT_EQ(f.scenario.params[0].help, "how many");
    ASSERT_EQ(f.scenario.narration.size(), 2u);
    EXPECT_EQ(f.scenario.narration[0].when, "phase:mark");
    EXPECT_EQ(f.scenario.narration[0].goSource, "runtime/mgc.go: gcStart");
    EXPECT_EQ(f.scenario.narration[1].goSource, "");
    EXPECT_FALSE(f.scenario.narration[0].pause);
    EXPECT_TRUE(f.scenario.narration[1].pause);
    ASSERT_EQ(f.scenario.breakpoints().size(), 1u);
    EXPECT_EQ(f.scenario.breakpoints()[0], &f.scenario.narration[1]);
    Runtime rt;
    f.scenario.build(rt, f.scenario.defaults());
    EXPECT_EQ(rt.globals.size(), 3u);
    EXPECT_EQ(rt.allgs.size(), 3u); // bgsweep + n = 2
}

// gomemlimit takes Go's GOMEMLIMIT forms: plain bytes, a size suffix, or "off".
TEST(ScenarioFileRun, GomemlimitReadsGoForms) {
    auto limit = [](const std::string& value) {
        return parseScenarioFile(test::withHeader("[settings]\ngomemlimit = " + value +
                                                  "\n[[programs]]\nname = \"main\"\nops = [\"gc\"]\n"
                                                  "[[goroutines]]\nprogram = \"main\"\n"),
                                 "m.toml")
            .scenario.memoryLimit;
    };
    EXPECT_EQ(limit("1000000"), 1'000'000);
    EXPECT_EQ(limit("\"1000000\""), 1'000'000);
    EXPECT_EQ(limit("\"512B\""), 512);
    EXPECT_EQ(limit("\"64KiB\""), 64 << 10);
    EXPECT_EQ(limit("\"10MiB\""), 10 << 20);
    EXPECT_EQ(limit("\"2GiB\""), std::int64_t{2} << 30);
    EXPECT_EQ(limit("\"3TiB\""), std::int64_t{3} << 40);
    EXPECT_EQ(limit("0"), 0);
    EXPECT_EQ(limit("\"off\""), INT64_MAX);
    EXPECT_EQ(parseScenarioFile(test::withHeader("[[programs]]\nname = \"main\"\nops = [\"gc\"]\n"
                                                 "[[goroutines]]\nprogram = \"main\"\n"),
                                "m.toml")
                  .scenario.memoryLimit,
              INT64_MAX); // no [settings] gomemlimit: off, as without GOMEMLIMIT
}

const char* exprFile = R"(
[scenario]
name = "exprs"
description = "Counts from parameters"
[[params]]
name = "live_bytes"
kind = "bytes"
default = "1MiB"
min = "4KiB"
max = "64MiB"
help = "bytes kept"
[[params]]
name = "object_size"
kind = "bytes"
default = 64
min = 8
max = "1MiB"
help = "object size"
[[params]]
name = "pointer_words"
default = 2
min = 0
max = 16
help = "pointer words"
[[types]]
name = "Object"
size = "object_size"
leading_pointers = "pointer_words"
[[types]]
name = "*Object"
size = 8
pointers = [0]
[[programs]]
name = "main"
ops = [
  "frame pointer_words + 2",
  "newarray 0 *Object live_bytes / object_size",
  "loop live_bytes / object_size * 2 - 1",
  "end",
]
[[goroutines]]
program = "main"
)";

TEST(ScenarioFileRun, CountsAreEvaluatedWithTheGivenValues) {
    ScenarioFile f = parseScenarioFile(exprFile, "e.toml");
    {
        Runtime rt;
        f.scenario.build(rt, f.scenario.defaults());
        const GoType& obj = rt.types[typeNamed(rt, "Object")];
        EXPECT_EQ(obj.size, 64u);
        EXPECT_EQ(obj.ptrWords, (std::vector<std::uint32_t>{0, 1}));
        const Program& p = rt.programs.at(0);
        EXPECT_EQ(p.ops[0].n, 4u);
        EXPECT_EQ(p.ops[1].code, OpCode::newarray);
        EXPECT_EQ(p.ops[1].b, typeNamed(rt, "*Object"));
        EXPECT_EQ(p.ops[1].n, 16384u);
        EXPECT_EQ(p.ops[2].n, 32767u);
    }
    {
        Runtime rt;
        f.scenario.build(rt, {{"live_bytes", 8 << 20}, {"object_size", 4096}, {"pointer_words", 0}});
        const GoType& obj = rt.types[typeNamed(rt, "Object")];
        EXPECT_EQ(obj.size, 4096u);
        EXPECT_TRUE(obj.noscan());
        EXPECT_EQ(rt.programs.at(0).ops[0].n, 2u);
        EXPECT_EQ(rt.programs.at(0).ops[1].n, 2048u);
        EXPECT_EQ(rt.programs.at(0).ops[2].n, 4095u);
    }
}

TEST(ScenarioFileRun, BuildRejectsValuesThatBreakACountAndBuildsNothing) {
    ScenarioFile f = parseScenarioFile(exprFile, "e.toml");
    Runtime rt;
    const std::size_t typesBefore = rt.types.size();
    try {
        f.scenario.build(rt, {{"live_bytes", 4096}, {"object_size", 8192}, {"pointer_words", 1}});
        FAIL() << "built";
    } catch (const ScenarioError& e) {
        EXPECT_STREQ(e.what(), "e.toml:37:23: newarray length \"live_bytes / object_size\" is 0 (with "
                               "live_bytes=4096, object_size=8192); expected 1 to 1073741824");
    }
    try {
        f.scenario.build(rt, {{"live_bytes", 1 << 20}, {"object_size", 12}, {"pointer_words", 1}});
        FAIL() << "built";
    } catch (const ScenarioError& e) {
        EXPECT_EQ(
            std::string(e.what()).rfind("e.toml:27:9: size of type Object: a type with pointers is 8-byte "
                                        "aligned",
                                        0),
            0u)
            << e.what();
    }
    try {
        f.scenario.build(rt, {{"live_bytes", 1 << 20}, {"object_size", 64}, {"pointer_words", 17}});
        FAIL() << "built";
    } catch (const ScenarioError& e) {
        EXPECT_STREQ(e.what(), "e.toml:19:1: parameter pointer_words = 17 is outside its range 0 to 16");
    }
    EXPECT_EQ(rt.types.size(), typesBefore);
    EXPECT_TRUE(rt.programs.empty());
    EXPECT_EQ(rt.allgs.size(), 1u);
}

TEST(ScenarioFileRun, KeepsExactlyWhatIsReachable) {
    // A list of `kept` Nodes stays reachable from global 0; `dropped` Leaves are garbage at the GC.
    ScenarioFile f = parseScenarioFile(R"(globals = 1
[scenario]
name = "keep"
description = "A kept list and dropped leaves"
[[params]]
name = "kept"
default = 300
min = 1
max = 100000
help = "list nodes kept"
[[params]]
name = "dropped"
default = 500
min = 0
max = 100000
help = "leaves dropped"
[[types]]
name = "Node"
size = 32
pointers = [0]
[[types]]
name = "Leaf"
size = 48
[[programs]]
name = "main"
ops = [
  "frame 2",
  "loop kept", "new 1 Node", "store 1.0 = 0", "move 0 = 1", "end",
  "gstore 0 = 0", "clear 0", "clear 1",
  "loop dropped", "new 1 Leaf", "end",
  "clear 1",
  "gc",
]
[[goroutines]]
program = "main"
)",
                                       "k.toml");
    for (auto [kept, dropped] : {std::pair{300, 500}, std::pair{1000, 0}, std::pair{1, 2000}}) {
        Runtime rt(test::testConfig(2));
        f.scenario.build(rt, {{"kept", kept}, {"dropped", dropped}});
        rt.runUntilDone(~std::uint64_t{0});
        MemStats m = readMemStats(rt);
        EXPECT_EQ(m.Mallocs, static_cast<std::uint64_t>(kept + dropped));
        EXPECT_EQ(m.HeapObjects, static_cast<std::uint64_t>(kept));
        EXPECT_EQ(m.Frees, static_cast<std::uint64_t>(dropped));
        EXPECT_EQ(m.NumForcedGC, 1u);
        // Walk the list from global 0: kept Nodes, ending in nil.
        std::uint64_t n = 0;
        for (uintptr p = rt.globals[0]; p != 0; p = rt.readPointer(PtrSlot::heap(p, 0)))
            n++;
        EXPECT_EQ(n, static_cast<std::uint64_t>(kept));
    }
}

const char* guardFile = R"(globals = 1
[scenario]
name = "guard"
description = "Loads through a nil global"
[[types]]
name = "Node"
size = 8
pointers = [0]
[[programs]]
name = "main"
ops = [
  "frame 2",
  "gload 0 = 0",
  "load 1 = 0?.0",
  "store 0?.0 = nil",
  "store-random 0? = 1",
  "load-random 1 = 0?",
  "load 1 = 0.0",
]
[[goroutines]]
program = "main"
)";

TEST(ScenarioFileRun, GuardSkipsANilObjectAndAFailingOpIsLocated) {
    ScenarioFile f = parseScenarioFile(guardFile, "g.toml");
    Runtime rt(test::testConfig());
    f.scenario.build(rt, f.scenario.defaults());
    EXPECT_EQ(rt.programs[0].ops[2].n, guardNil);
    EXPECT_EQ(rt.programs[0].ops[6].n, 0u);
    try {
        rt.runUntilDone(~std::uint64_t{0});
        FAIL() << "the unguarded load ran";
    } catch (const RuntimeThrow& t) {
        EXPECT_NE(std::string(t.what()).find("nil pointer dereference of local 0"), std::string::npos)
            << t.what();
        const G& g = rt.goroutine(rt.curG);
        EXPECT_EQ(g.pc, 6u); // the guarded ops before it were skipped
        EXPECT_EQ(f.where(g.program, g.pc), "g.toml:18:4");
    }
    EXPECT_EQ(f.where(0, 99), "");
    EXPECT_EQ(f.where(5, 0), "");
}

TEST(ScenarioFileRun, NilStoresClearAFieldAndGoStartsPrograms) {
    ScenarioFile f = parseScenarioFile(R"(globals = 1
[scenario]
name = "nil-and-go"
description = "nil stores and go"
[[params]]
name = "workers"
default = 5
min = 0
max = 50
help = "workers"
[[types]]
name = "Pair"
size = 16
pointers = [0, 1]
[[programs]]
name = "main"
ops = [
  "frame 2", "new 0 Pair", "new 1 Pair",
  "store 0.0 = 1", "store 0.1 = 1", "store 0.0 = nil",
  "gstore 0 = 0",
  "loop workers", "go worker", "end",
]
[[programs]]
name = "worker"
ops = ["frame 1", "new 0 Pair", "yield"]
[[goroutines]]
program = "main"
)",
                                       "n.toml");
    Runtime rt(test::testConfig());
    f.scenario.build(rt, {{"workers", 7}});
    rt.runUntilDone(~std::uint64_t{0});
    const uintptr pair = rt.globals[0];
    ASSERT_NE(pair, 0u);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(pair, 0)), 0u);
    EXPECT_NE(rt.readPointer(PtrSlot::heap(pair, 1)), 0u);
    EXPECT_EQ(rt.allgs.size(), 1u + 1u + 7u); // bgsweep, main, seven workers
    EXPECT_EQ(readMemStats(rt).Mallocs, 2u + 7u);
}

TEST(ScenarioFileRun, NonAsciiTextInStringsIsKept) {
    // toml++ reads an ASCII copy of the file (toml_ascii.h); strings keep their real text, also where
    // toml++ 3.3.0 itself would reach undefined behaviour (after a line-ending backslash).
    ScenarioFile f =
        parseScenarioFile("[scenario]\nname = \"utf8\"\ndescription = \"D\xc3\xa9j\xc3\xa0 vu \\u00e9 "
                          "\xe2\x82\xac\" # \xc2\xa7 comment\n"
                          "[[programs]]\nname = \"main\"\nops = [\"gc\"]\n"
                          "[[goroutines]]\nprogram = \"main\"\n"
                          "[[narration]]\nwhen = \"start\"\ncaption = \"\"\"\\\n\xc2\xa7 \xd0\x8c\"\"\"\n",
                          "u.toml");
    EXPECT_EQ(f.scenario.description, "D\xc3\xa9j\xc3\xa0 vu \xc3\xa9 \xe2\x82\xac");
    ASSERT_EQ(f.scenario.narration.size(), 1u);
    EXPECT_EQ(f.scenario.narration[0].caption, "\xc2\xa7 \xd0\x8c");
}

TEST(ScenarioFileRun, LoadsAFileFromDisk) {
    ScenarioFile f =
        loadScenarioFile(std::string(GCLAB_SOURCE_DIR) + "/scenarios/library/tricolor-basics.toml");
    EXPECT_EQ(f.scenario.name, "tricolor-basics");
    EXPECT_EQ(f.file, std::string(GCLAB_SOURCE_DIR) + "/scenarios/library/tricolor-basics.toml");
    EXPECT_TRUE(isScenarioFilePath("x.toml"));
    EXPECT_TRUE(isScenarioFilePath("dir/x"));
    EXPECT_FALSE(isScenarioFilePath("steady-state"));
}

} // namespace
} // namespace gclab
