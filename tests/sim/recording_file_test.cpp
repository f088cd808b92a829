// Saved recordings: round trip, and every corruption or truncation is a clear error, never a crash.
#include "sim/recording_file.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace gclab {
namespace {

RecordingFile sample() {
    RecordingFile r;
    r.meta = {{"scenario", "missing-write-barrier"}, {"param.leaves", "1500"}, {"gomaxprocs", "2"}};
    r.commands = {
        {100, CommandKind::setGOGC, 50}, {200, CommandKind::setBarrier, 3}, {300, CommandKind::forceGC, 0}};
    r.hashes = {{0, 1}, {256, 0xdeadbeef}, {512, ~std::uint64_t{0}}};
    r.endTick = 777;
    return r;
}

TEST(RecordingFile, RoundTrips) {
    RecordingFile r = sample();
    RecordingFile back;
    std::string err;
    ASSERT_TRUE(decodeRecording(encodeRecording(r), back, err)) << err;
    EXPECT_EQ(back, r);
}

TEST(RecordingFile, Crc32MatchesTheStandardCheckValue) { EXPECT_EQ(crc32("123456789"), 0xcbf43926U); }

TEST(RecordingFile, EveryTruncationIsAnError) {
    std::string bytes = encodeRecording(sample());
    for (std::size_t n = 0; n < bytes.size(); n++) {
        RecordingFile out;
        std::string err;
        ASSERT_FALSE(decodeRecording(std::string_view(bytes).substr(0, n), out, err)) << "length " << n;
        EXPECT_EQ(err.rfind("byte ", 0), 0u) << err;
    }
}

TEST(RecordingFile, RandomCorruptionIsAnErrorNeverACrash) {
    std::string good = encodeRecording(sample());
    Rng rng(11);
    int rejected = 0;
    for (int i = 0; i < 20000; i++) {
        std::string bytes = good;
        for (std::uint64_t k = 1 + rng.below(4); k > 0; k--)
            bytes[rng.below(bytes.size())] = static_cast<char>(rng.below(256));
        RecordingFile out;
        std::string err;
        if (!decodeRecording(bytes, out, err)) {
            rejected++;
            EXPECT_FALSE(err.empty());
        } else {
            EXPECT_EQ(bytes, good); // only an unchanged file may decode
        }
    }
    EXPECT_GT(rejected, 19000);
}

TEST(RecordingFile, WrongMagicVersionAndChecksumSayWhatWasExpected) {
    std::string bytes = encodeRecording(sample());
    RecordingFile out;
    std::string err;
    EXPECT_FALSE(decodeRecording("hello, world, not a recording", out, err));
    EXPECT_NE(err.find("expected the magic"), std::string::npos) << err;
    std::string v = bytes;
    v[8] = 9;
    EXPECT_FALSE(decodeRecording(v, out, err));
    EXPECT_NE(err.find("expected version 1"), std::string::npos) << err;
    std::string c = bytes;
    c[20] ^= 1;
    EXPECT_FALSE(decodeRecording(c, out, err));
    EXPECT_NE(err.find("checksum mismatch"), std::string::npos) << err;
}

TEST(RecordingFile, SaveIsAtomicAndLoadReportsThePath) {
    std::string path = ::testing::TempDir() + "gclab-recording-test.rec";
    std::string err;
    ASSERT_TRUE(saveRecording(path, sample(), err)) << err;
    RecordingFile back;
    ASSERT_TRUE(loadRecording(path, back, err)) << err;
    EXPECT_EQ(back, sample());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << "GCLABREC";
    EXPECT_FALSE(loadRecording(path, back, err));
    EXPECT_EQ(err.rfind(path + ": byte ", 0), 0u) << err;
    EXPECT_FALSE(saveRecording("/nonexistent-dir/x.rec", sample(), err));
    EXPECT_NE(err.find("cannot write"), std::string::npos);
    std::remove(path.c_str());
}

} // namespace
} // namespace gclab
