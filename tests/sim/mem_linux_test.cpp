// Page faults: which heap pages have RAM behind them (sim/mem_linux.h), and who pays for the first
// access to a page, against Go 1.19's measurement on this machine (bench/go-calib markfresh).
#include "test_config.h"

#include "sim/mem_linux.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

constexpr uintptr base = 0xc000000000;
constexpr uintptr osPage = uintptr{1} << osPageShift;

TEST(ResidentPages, OnlyTheFirstAccessToAPageFaults) {
    ResidentPages r(base);
    EXPECT_EQ(r.touch(base + 100, 8), 1u);
    EXPECT_EQ(r.touch(base + 200, 8), 0u) << "the same page again";
    EXPECT_EQ(r.touch(base + osPage - 4, 8), 1u) << "an access across a page boundary";
    EXPECT_EQ(r.touch(base, 3 * osPage), 1u) << "pages 0 and 1 are resident, page 2 is not";
    EXPECT_EQ(r.touch(base + 1000 * osPage, 0), 0u) << "an empty access";
    EXPECT_EQ(r.residentBytes(), 3 * osPage);
    EXPECT_TRUE(r.resident(base + 2 * osPage + 17));
    EXPECT_FALSE(r.resident(base + 3 * osPage));
    EXPECT_FALSE(r.resident(base + 1000 * osPage)) << "far past anything touched";
}

TEST(ResidentPages, ReleasedPagesFaultAgain) {
    ResidentPages r(base);
    r.touch(base, 4 * osPage);
    r.release(base + pageSize, pageSize); // one 8 KiB runtime page: OS pages 2 and 3
    EXPECT_EQ(r.residentBytes(), 2 * osPage);
    EXPECT_FALSE(r.resident(base + 2 * osPage));
    EXPECT_EQ(r.touch(base, 4 * osPage), 2u);
    r.release(base + 64 * pageSize, pageSize); // never touched, past the bitmap: nothing to drop
    EXPECT_EQ(r.residentBytes(), 4 * osPage);
}

// gcNs is runtime.GC() on one P with nothing else to run: the virtual time of one collection.
std::int64_t gcNs(Runtime& rt) {
    const std::int64_t start = rt.now();
    const std::uint32_t before = rt.work.numgc;
    rt.gcForce();
    rt.runUntilDone(~std::uint64_t{0});
    EXPECT_EQ(rt.work.numgc, before + 1);
    return rt.now() - start;
}

// gclabcalib markfresh: n 64-byte Objects (one pointer word) allocated into fresh spans and never
// written, held by a slice the program filled; the first runtime.GC() reads every Object's page
// for the first time and the second finds them resident. Go, CPU time of the first minus the
// second per 4 KiB page of Objects: 14.4 us at 16 MiB, 13.7 at 64 MiB.
TEST(PageFaults, TheFirstMarkOfObjectsNobodyWroteTakesTheirFaults) {
    Runtime rt(test::calibConfig());
    constexpr std::uint64_t n = 262144; // 16 MiB of Objects
    uintptr held = test::holdNewObjects(rt, rt.types.define("Object", 64, {0}), n);
    rt.mheap.resident.touch(held, n * 8); // the program's stores into the slice
    EXPECT_EQ(rt.mheap.resident.residentBytes(), n * 8) << "nobody has touched an Object yet";

    const std::int64_t first = gcNs(rt);
    EXPECT_GE(rt.mheap.resident.residentBytes(), n * 8 + n * 64) << "the mark read every Object";
    const std::int64_t second = gcNs(rt);
    const double usPerPage = static_cast<double>(first - second) / 1e3 / (n * 64.0 / osPage);
    EXPECT_GE(usPerPage, 13.7 * 0.9);
    EXPECT_LE(usPerPage, 14.4 * 1.1);
}

} // namespace
} // namespace gclab
