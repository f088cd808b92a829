// gclab run --record and gclab replay: a replay reproduces every hash; a damaged recording, a changed
// scenario file or a changed setting is a clear error or a reported divergence, never a silent one.
#include "cli_test_util.h"

#include "sim/recording_file.h"
#include "sim/rng.h"

#include "cli/run_loop.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace gclab {
namespace {

using test::CliResult;

cli::RunOptions options(const std::string& scenario, std::vector<std::string> params, std::uint64_t seed,
                        std::uint32_t procs) {
    cli::RunOptions o;
    // GOGC 5 lowers the 4 MiB minimum heap goal to 200 KiB: small runs still collect. The oracle
    // stays off (it does not change the run) except where a test needs it.
    o.gogc = "5";
    o.oracle = false;
    o.scenario = scenario;
    o.params = std::move(params);
    o.seed = seed;
    o.seedSet = true;
    o.gomaxprocs = procs;
    o.hash = true;
    return o;
}

// Small versions of the library's scenarios, so that the test stays fast under the sanitizers.
struct Case {
    std::string scenario;
    std::vector<std::string> params;
};
const std::vector<Case> cases = {
    {"tricolor-basics", {}},
    {"missing-write-barrier", {"leaves=1000"}},
    {"steady-state", {"live_bytes=128KiB", "iterations=3000"}},
    {"binary-trees", {"trees=10"}},
    {GCLAB_SOURCE_DIR "/tests/scenarios/data/two-goroutines.toml", {}},
};

TEST(RecordReplay, ReplayReproducesEveryHashForScenariosAndSeeds) {
    for (const Case& c : cases) {
        for (auto [seed, procs] : {std::pair{1u, 1u}, std::pair{7u, 3u}, std::pair{90210u, 2u}}) {
            {
                SCOPED_TRACE(c.scenario + " seed " + std::to_string(seed) + " procs " +
                             std::to_string(procs));
                cli::RunOptions o = options(c.scenario, c.params, seed, procs);
                CliResult plain = test::run(o);
                ASSERT_EQ(plain.code, 0) << plain.err;
                o.record = test::tempPath("rec");
                CliResult recorded = test::run(o);
                ASSERT_EQ(recorded.code, 0) << recorded.err;
                // Recording does not change the run.
                EXPECT_EQ(recorded.out, plain.out);

                RecordingFile rec;
                std::string error;
                ASSERT_TRUE(loadRecording(o.record, rec, error)) << error;
                EXPECT_EQ(rec.hashes.size(), rec.endTick / Timeline::hashInterval + 1);
                EXPECT_EQ(rec.meta.at("end.hash"), plain.lastLine());

                CliResult replayed = test::replay({o.record, std::nullopt, true});
                ASSERT_EQ(replayed.code, 0) << replayed.err;
                EXPECT_EQ(replayed.lastLine(), plain.lastLine());
                EXPECT_NE(replayed.out.find("replay: " + std::to_string(rec.hashes.size()) +
                                            " hashes verified up to tick " + std::to_string(rec.endTick) +
                                            ", final hash matches\n"),
                          std::string::npos)
                    << replayed.out;
                // The summary is the run's (without its hash line).
                EXPECT_EQ(replayed.out.substr(0, plain.out.size() - plain.lastLine().size() - 1),
                          plain.out.substr(0, plain.out.size() - plain.lastLine().size() - 1));
                EXPECT_TRUE(replayed.err.empty()) << replayed.err;
            }
        }
    }
}

TEST(RecordReplay, SeekEqualsRunningUntilThatTick) {
    cli::RunOptions o = options("steady-state", {"live_bytes=128KiB", "iterations=3000"}, 3, 2);
    o.record = test::tempPath("rec");
    ASSERT_EQ(test::run(o).code, 0);
    RecordingFile rec;
    std::string error;
    ASSERT_TRUE(loadRecording(o.record, rec, error)) << error;
    Rng rng(11);
    for (int i = 0; i < 6; i++) {
        std::uint64_t t = rng.below(rec.endTick + 1);
        cli::RunOptions until = options("steady-state", {"live_bytes=128KiB", "iterations=3000"}, 3, 2);
        until.until = std::to_string(t);
        CliResult direct = test::run(until);
        ASSERT_EQ(direct.code, 0) << direct.err;
        CliResult sought = test::replay({o.record, t, true});
        ASSERT_EQ(sought.code, 0) << sought.err;
        EXPECT_EQ(sought.lastLine(), direct.lastLine()) << "tick " << t;
        EXPECT_NE(sought.out.find("until " + std::to_string(t) + ": stopped at tick " + std::to_string(t)),
                  std::string::npos);
    }
    CliResult beyond = test::replay({o.record, rec.endTick + 1, false});
    EXPECT_EQ(beyond.code, 2);
    EXPECT_EQ(beyond.err, "gclab: --seek " + std::to_string(rec.endTick + 1) +
                              ": the recording ends at tick " + std::to_string(rec.endTick) + "\n");
}

TEST(RecordReplay, UntilIsRecordedAndReplayedToTheSameStop) {
    cli::RunOptions o = options("steady-state", {"live_bytes=128KiB", "iterations=3000"}, 1, 2);
    o.until = "cycle:1";
    o.record = test::tempPath("rec");
    CliResult recorded = test::run(o);
    ASSERT_EQ(recorded.code, 0) << recorded.err;
    ASSERT_NE(recorded.out.find("until cycle:1: stopped at tick"), std::string::npos) << recorded.out;
    CliResult replayed = test::replay({o.record, std::nullopt, true});
    ASSERT_EQ(replayed.code, 0) << replayed.err;
    EXPECT_EQ(replayed.lastLine(), recorded.lastLine());
    EXPECT_NE(replayed.out.find("until cycle:1: stopped at tick"), std::string::npos) << replayed.out;
}

TEST(RecordReplay, AnOracleViolationReplaysToTheSameViolation) {
    cli::RunOptions o = options("missing-write-barrier", {}, 1, 1);
    o.oracle = true;
    o.barrier = "off";
    o.hash = false;
    o.record = test::tempPath("rec");
    CliResult recorded = test::run(o);
    ASSERT_EQ(recorded.code, 3);
    ASSERT_EQ(recorded.out.rfind("oracle: GC ", 0), 0u) << recorded.out;
    CliResult replayed = test::replay({o.record, std::nullopt, false});
    EXPECT_EQ(replayed.code, 3) << replayed.err;
    EXPECT_EQ(replayed.out.rfind(recorded.out, 0), 0u) << replayed.out;
    EXPECT_NE(replayed.out.find("final hash matches"), std::string::npos);
}

// record makes a recording of a small run and returns its path.
std::string record(const std::string& name, std::uint64_t seed = 5) {
    cli::RunOptions o = options("steady-state", {"live_bytes=128KiB", "iterations=3000"}, seed, 2);
    o.record = test::tempPath(name);
    EXPECT_EQ(test::run(o).code, 0);
    return o.record;
}

RecordingFile load(const std::string& path) {
    RecordingFile rec;
    std::string error;
    EXPECT_TRUE(loadRecording(path, rec, error)) << error;
    return rec;
}

void save(const std::string& path, const RecordingFile& rec) {
    std::string error;
    ASSERT_TRUE(saveRecording(path, rec, error)) << error;
}

TEST(RecordReplay, AChangedHashIsADivergenceAtItsTick) {
    std::string path = record("rec");
    RecordingFile rec = load(path);
    ASSERT_GT(rec.hashes.size(), 8u);
    auto it = std::next(rec.hashes.begin(), 5);
    it->second ^= 0x10;
    save(path, rec);
    CliResult r = test::replay({path, std::nullopt, false});
    EXPECT_EQ(r.code, 4);
    EXPECT_EQ(r.err, "gclab: " + path + ": the replay diverged from the recording at tick " +
                         std::to_string(it->first) + ": the event hash differs\n");
    EXPECT_TRUE(r.out.empty());
}

TEST(RecordReplay, AChangedSettingIsADivergenceNotASilentSuccess) {
    for (const auto& [key, value] :
         std::vector<std::pair<std::string, std::string>>{{"config.seed", "6"},
                                                          {"config.gogc", "100"},
                                                          {"config.gomaxprocs", "1"},
                                                          {"param.iterations", "1499"}}) {
        SCOPED_TRACE(key);
        std::string path = record("rec");
        RecordingFile rec = load(path);
        rec.meta[key] = value;
        save(path, rec);
        CliResult r = test::replay({path, std::nullopt, false});
        EXPECT_EQ(r.code, 4) << r.out << r.err;
        EXPECT_EQ(r.err.rfind("gclab: " + path + ": the replay diverged from the recording at tick ", 0), 0u)
            << r.err;
    }
}

TEST(RecordReplay, AViolationTheRecordingDidNotHaveIsADivergence) {
    cli::RunOptions o = options("missing-write-barrier", {}, 1, 1);
    o.oracle = true;
    o.record = test::tempPath("rec");
    ASSERT_EQ(test::run(o).code, 0);
    RecordingFile rec = load(o.record);
    rec.meta["config.barrier"] = "off";
    rec.hashes = {}; // leave only the end to compare
    save(o.record, rec);
    for (std::optional<std::uint64_t> seek :
         {std::optional<std::uint64_t>{}, std::optional{rec.endTick - 1}}) {
        CliResult r = test::replay({o.record, seek, false});
        EXPECT_EQ(r.code, 4);
        EXPECT_NE(r.err.find(": the run stopped here: oracle: GC "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("; the recording goes on to tick " + std::to_string(rec.endTick) + "\n"),
                  std::string::npos)
            << r.err;
    }
}

TEST(RecordReplay, ADifferentEndHashIsADivergenceAtTheEnd) {
    std::string path = record("rec");
    RecordingFile rec = load(path);
    rec.meta["end.hash"] = "0123456789abcdef";
    save(path, rec);
    CliResult r = test::replay({path, std::nullopt, false});
    EXPECT_EQ(r.code, 4);
    EXPECT_NE(r.err.find("at tick " + std::to_string(rec.endTick) + ": the final hash is "),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(", recorded 0123456789abcdef\n"), std::string::npos) << r.err;
}

TEST(RecordReplay, DamagedFilesAreOneLineErrorsWithExit2) {
    std::string path = record("rec");
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto write = [&](const std::string& b) {
        std::ofstream(path, std::ios::binary | std::ios::trunc)
            .write(b.data(), static_cast<std::streamsize>(b.size()));
    };
    std::string flipped = bytes;
    flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 1);
    write(flipped);
    CliResult corrupt = test::replay({path, std::nullopt, false});
    EXPECT_EQ(corrupt.code, 2);
    EXPECT_EQ(corrupt.err, "gclab: " + path + ": byte " + std::to_string(bytes.size() - 4) +
                               ": checksum mismatch (the file is corrupt or truncated)\n");

    write(bytes.substr(0, bytes.size() - 9));
    CliResult truncated = test::replay({path, std::nullopt, false});
    EXPECT_EQ(truncated.code, 2);
    EXPECT_EQ(truncated.err.rfind("gclab: " + path + ": byte ", 0), 0u) << truncated.err;
    EXPECT_EQ(std::count(truncated.err.begin(), truncated.err.end(), '\n'), 1);

    write("not a recording");
    CliResult magic = test::replay({path, std::nullopt, false});
    EXPECT_EQ(magic.code, 2);
    EXPECT_EQ(magic.err,
              "gclab: " + path + ": byte 0: expected the magic \"GCLABREC\" (not a gclab recording)\n");

    CliResult missing = test::replay({path + ".missing", std::nullopt, false});
    EXPECT_EQ(missing.code, 2);
    EXPECT_EQ(missing.err, "gclab: " + path + ".missing: cannot read\n");
}

TEST(RecordReplay, MissingOrBadEntriesAreNamed) {
    std::string path = record("rec");
    RecordingFile good = load(path);
    RecordingFile rec = good;
    rec.meta.erase("config.barrier");
    save(path, rec);
    CliResult missing = test::replay({path, std::nullopt, false});
    EXPECT_EQ(missing.code, 2);
    EXPECT_EQ(missing.err,
              "gclab: " + path +
                  ": the recording has no \"config.barrier\" entry (it was not made by gclab run "
                  "--record)\n");
    rec = good;
    rec.meta["config.gomaxprocs"] = "many";
    save(path, rec);
    CliResult bad = test::replay({path, std::nullopt, false});
    EXPECT_EQ(bad.code, 2);
    EXPECT_EQ(bad.err,
              "gclab: " + path +
                  ": recording entry config.gomaxprocs: expected an integer from 1 to 256, got \"many\"\n");
    rec = good;
    rec.meta["scenario"] = "no-such-scenario";
    save(path, rec);
    CliResult unknown = test::replay({path, std::nullopt, false});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("unknown scenario \"no-such-scenario\""), std::string::npos) << unknown.err;
}

TEST(RecordReplay, AChangedScenarioFileIsAnErrorNotADivergence) {
    namespace fs = std::filesystem;
    std::string scenario = test::tempPath("scenario.toml");
    fs::copy_file(GCLAB_SOURCE_DIR "/tests/scenarios/data/two-goroutines.toml", scenario,
                  fs::copy_options::overwrite_existing);
    cli::RunOptions o = options(scenario, {}, 1, 2);
    o.record = test::tempPath("rec");
    ASSERT_EQ(test::run(o).code, 0);
    ASSERT_EQ(test::replay({o.record, std::nullopt, false}).code, 0);

    std::ofstream(scenario, std::ios::app) << "# an edit that changes nothing the model sees\n";
    CliResult r = test::replay({o.record, std::nullopt, false});
    EXPECT_EQ(r.code, 2);
    std::string recorded = load(o.record).meta.at("scenario.hash");
    EXPECT_EQ(r.err.rfind("gclab: " + o.record + ": scenario " + scenario +
                              " is not the one recorded: its text hash is ",
                          0),
              0u)
        << r.err;
    EXPECT_NE(
        r.err.find(", the recording's " + recorded + " (the file changed since the recording was made)\n"),
        std::string::npos)
        << r.err;

    fs::remove(scenario);
    CliResult gone = test::replay({o.record, std::nullopt, false});
    EXPECT_EQ(gone.code, 2);
    EXPECT_EQ(gone.err, scenario + ":1:1: cannot read the file: No such file or directory\n");
}

TEST(RecordReplay, AnUnwritableRecordingIsAnErrorAndLeavesNothing) {
    namespace fs = std::filesystem;
    std::string dir = test::tempPath("no-such-dir");
    cli::RunOptions o = options("tricolor-basics", {}, 1, 1);
    o.record = dir + "/x.rec";
    CliResult r = test::run(o);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gclab: --record: " + o.record + ": cannot write\n");
    EXPECT_FALSE(fs::exists(dir));
}

} // namespace
} // namespace gclab
