// Parameter values as people write them (64, 1_000, 8MiB) and --param name=value overrides.
#include "tests/scenarios/scenario_test_util.h"

#include "scenarios/param_value.h"
#include "scenarios/scenario_file.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

TEST(ScenarioParamValue, ByteSizes) {
    std::int64_t v = 0;
    EXPECT_TRUE(parseByteSize("64", v));
    EXPECT_EQ(v, 64);
    EXPECT_TRUE(parseByteSize("64B", v));
    EXPECT_EQ(v, 64);
    EXPECT_TRUE(parseByteSize("16KiB", v));
    EXPECT_EQ(v, 16384);
    EXPECT_TRUE(parseByteSize("8MiB", v));
    EXPECT_EQ(v, 8 << 20);
    EXPECT_TRUE(parseByteSize("1GiB", v));
    EXPECT_EQ(v, 1 << 30);
    EXPECT_TRUE(parseByteSize("2TiB", v));
    EXPECT_EQ(v, std::int64_t{2} << 40);
    EXPECT_TRUE(parseByteSize("1_024KiB", v));
    EXPECT_EQ(v, 1 << 20);
    for (const char* bad : {"", "MiB", "8MB", "8 MiB", "8mib", "-1", "1.5MiB", "_1", "1_",
                            "9223372036854775807GiB", "8388608TiB", "1TB"})
        EXPECT_FALSE(parseByteSize(bad, v)) << bad;
}

TEST(ScenarioParamValue, FormatUsesTheLargestExactSuffix) {
    EXPECT_EQ(formatBytes(8 << 20), "8MiB");
    EXPECT_EQ(formatBytes(2048), "2KiB");
    EXPECT_EQ(formatBytes(1536), "1536B");
    EXPECT_EQ(formatBytes(std::int64_t{3} << 30), "3GiB");
    EXPECT_EQ(formatBytes(std::int64_t{3} << 40), "3TiB");
    EXPECT_EQ(formatBytes(0), "0B");
}

const char* paramsFile = R"(
[scenario]
name = "p"
description = "parameters"

[[params]]
name = "live_bytes"
kind = "bytes"
default = "8MiB"
min = "4KiB"
max = "1GiB"
help = "bytes"

[[params]]
name = "workers"
default = 2
min = 1
max = 8
help = "goroutines"

[[programs]]
name = "main"
ops = ["frame 1", "newarray 0 Byte live_bytes"]

[[types]]
name = "Byte"
size = 1

[[goroutines]]
program = "main"
count = "workers"
)";

TEST(ScenarioParamValue, OverridesSetValuesByKind) {
    ScenarioFile f = parseScenarioFile(paramsFile, "p.toml");
    ParamValues v = f.scenario.defaults();
    EXPECT_EQ(v.at("live_bytes"), 8 << 20);
    EXPECT_EQ(applyParamOverride(f.scenario, "live_bytes=16MiB", v), "");
    EXPECT_EQ(applyParamOverride(f.scenario, "workers=5", v), "");
    EXPECT_EQ(v.at("live_bytes"), 16 << 20);
    EXPECT_EQ(v.at("workers"), 5);
    EXPECT_EQ(applyParamOverride(f.scenario, "live_bytes=65536", v), "");
    EXPECT_EQ(v.at("live_bytes"), 65536);
}

TEST(ScenarioParamValue, OverrideErrorsSayWhatWasExpected) {
    ScenarioFile f = parseScenarioFile(paramsFile, "p.toml");
    ParamValues v = f.scenario.defaults();
    EXPECT_EQ(applyParamOverride(f.scenario, "workers", v),
              "--param workers: expected name=value, like --param live_bytes=8MiB");
    EXPECT_EQ(applyParamOverride(f.scenario, "worker=3", v),
              "--param: scenario p has no parameter \"worker\" (did you mean workers?); its parameters are "
              "live_bytes and workers");
    EXPECT_EQ(applyParamOverride(f.scenario, "workers=9", v),
              "--param workers=9: expected a value from 1 to 8, got 9");
    EXPECT_EQ(applyParamOverride(f.scenario, "workers=-1", v),
              "--param workers=-1: expected a non-negative integer, like 100");
    EXPECT_EQ(applyParamOverride(f.scenario, "live_bytes=8MB", v),
              "--param live_bytes=8MB: expected a byte size: a non-negative integer with an optional B, KiB, "
              "MiB, GiB or TiB suffix, like 8MiB");
    EXPECT_EQ(applyParamOverride(f.scenario, "live_bytes=1KiB", v),
              "--param live_bytes=1KiB: expected a value from 4KiB to 1GiB, got 1KiB");
    // Failed overrides leave the values alone.
    EXPECT_EQ(v, f.scenario.defaults());
}

TEST(ScenarioParamValue, OverriddenValuesReachTheBuild) {
    ScenarioFile f = parseScenarioFile(paramsFile, "p.toml");
    ParamValues v = f.scenario.defaults();
    ASSERT_EQ(applyParamOverride(f.scenario, "workers=5", v), "");
    ASSERT_EQ(applyParamOverride(f.scenario, "live_bytes=64KiB", v), "");
    Runtime rt;
    f.scenario.build(rt, v);
    EXPECT_EQ(rt.allgs.size(), 1u + 5u); // the background sweeper and five workers
    ASSERT_EQ(rt.programs.size(), 1u);
    EXPECT_EQ(rt.programs[0].ops[1].n, 65536u);
}

} // namespace
} // namespace gclab
