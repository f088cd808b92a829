// Go's parsing of GOGC, GOMEMLIMIT, GOMAXPROCS and GODEBUG (runtime/string.go parseByteCount,
// mgcpacer.go readGOGC/readGOMEMLIMIT): accepted spellings, rejected ones, and the int64 edge.
#include "sim/goenv.h"

#include <gtest/gtest.h>

#include <limits>

namespace gclab {
namespace {

TEST(GoEnv, ByteCountsUsePowersOf1024) {
    EXPECT_EQ(parseByteCount("0"), 0);
    EXPECT_EQ(parseByteCount("1234"), 1234);
    EXPECT_EQ(parseByteCount("1234B"), 1234);
    EXPECT_EQ(parseByteCount("1KiB"), 1024);
    EXPECT_EQ(parseByteCount("80MiB"), 80LL << 20);
    EXPECT_EQ(parseByteCount("3GiB"), 3LL << 30);
    EXPECT_EQ(parseByteCount("2TiB"), 2LL << 40);
    EXPECT_EQ(parseByteCount("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(parseByteCount("8388607TiB"), 8388607LL << 40);
}

TEST(GoEnv, ByteCountsRejectWhatGoRejects) {
    for (const char* bad : {"", "B", "KiB", "1K", "1KB", "1kib", "1Ki", "1 MiB", "-1", "-1MiB", "+5",
                            "1.5GiB", "1PiB", "9223372036854775808", "8388608TiB", "0x10"})
        EXPECT_FALSE(parseByteCount(bad).has_value()) << bad;
}

TEST(GoEnv, GOMEMLIMIT) {
    EXPECT_EQ(parseGOMEMLIMIT("off").value, std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(parseGOMEMLIMIT("24MiB").value, 24LL << 20);
    auto bad = parseGOMEMLIMIT("24MB");
    EXPECT_FALSE(bad.value.has_value());
    EXPECT_NE(bad.error.find("GOMEMLIMIT=24MB"), std::string::npos);
    EXPECT_NE(bad.error.find("malformed GOMEMLIMIT"), std::string::npos);
}

TEST(GoEnv, GOGC) {
    EXPECT_EQ(parseGOGC("off").value, -1);
    EXPECT_EQ(parseGOGC("100").value, 100);
    EXPECT_EQ(parseGOGC("0").value, 0);
    EXPECT_EQ(parseGOGC("-5").value, -1); // negative means off, as SetGCPercent
    EXPECT_EQ(parseGOGC("2147483647").value, 2147483647);
    for (const char* bad : {"", "abc", "50%", "2147483648", "Off", " 100"}) {
        auto r = parseGOGC(bad);
        EXPECT_FALSE(r.value.has_value()) << bad;
        EXPECT_EQ(r.error.rfind("GOGC=", 0), 0u) << r.error;
    }
}

TEST(GoEnv, GOMAXPROCS) {
    EXPECT_EQ(parseGOMAXPROCS("1").value, 1u);
    EXPECT_EQ(parseGOMAXPROCS("256").value, 256u);
    for (const char* bad : {"0", "-1", "257", "two", ""})
        EXPECT_FALSE(parseGOMAXPROCS(bad).value.has_value()) << bad;
}

TEST(GoEnv, GODEBUGSetsKnownKeysAndIgnoresTheRest) {
    GODebug d;
    parseGODEBUG("madvdontneed=1,gctrace=1,scavtrace=2,junk,gcpacertrace=x", d);
    EXPECT_TRUE(d.gctrace);
    EXPECT_TRUE(d.scavtrace);
    EXPECT_FALSE(d.gcpacertrace);
    parseGODEBUG("gctrace=0,gcpacertrace=1", d);
    EXPECT_FALSE(d.gctrace);
    EXPECT_TRUE(d.gcpacertrace);
}

TEST(GoEnv, GoVersion) {
    EXPECT_EQ(parseGoVersion("1.19").value, GoVersion::go1_19);
    EXPECT_EQ(parseGoVersion("1.26").value, GoVersion::go1_26);
    EXPECT_FALSE(parseGoVersion("1.20").value.has_value());
}

} // namespace
} // namespace gclab
