// Conformance: the model and real Go 1.19 (GOGC=off, GOMAXPROCS=1) run the same allocation
// sequences; their runtime.MemStats deltas must agree.
//
// The one permitted difference: Go's own start-up allocations leave a partly used span in some
// size classes. ReadMemStats flushes the mcache, the span goes to mcentral's partial list, and the
// measured sequence fills it before taking new spans. The model starts from an empty heap, so for
// each size class the sequence touches, Go's HeapInuse delta may be smaller by at most one span
// of that class. Every object count and byte count must be equal.
#include "go_runner.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <sstream>

namespace gclab {
namespace {

using conformance::keyValues;
using conformance::runProbe;

struct Sequence {
    std::string goArgs;
    std::function<void(Runtime&, std::set<int>& classesTouched)> model;
};

void compare(const Sequence& seq) {
    auto go = keyValues(runProbe(GCLAB_GO_MEMSTATS, seq.goArgs));
    ASSERT_TRUE(go.count("HeapInuse")) << "probe printed no HeapInuse";

    RuntimeConfig cfg;
    cfg.gogc = -1; // GOGC=off, as the Go probe runs
    Runtime rt(cfg);
    std::set<int> touched;
    seq.model(rt, touched);
    rt.validate();
    MemStats m = readMemStats(rt);

    auto num = [&](const char* k) { return std::stoull(go.at(k)); };
    EXPECT_EQ(m.HeapObjects, num("HeapObjects"));
    EXPECT_EQ(m.HeapAlloc, num("HeapAlloc"));
    EXPECT_EQ(m.Mallocs, num("Mallocs"));
    EXPECT_EQ(m.Frees, num("Frees"));

    std::istringstream by(go.at("BySize"));
    std::string field;
    for (std::size_t c = 0; std::getline(by, field, ','); c++) {
        ASSERT_LT(c, m.BySize.size());
        EXPECT_EQ(m.BySize[c].Mallocs, std::stoull(field)) << "BySize[" << c << "]";
    }

    std::uint64_t goInuse = num("HeapInuse");
    std::uint64_t slack = 0;
    for (int c : touched)
        slack += class_to_allocnpages[c] * pageSize;
    EXPECT_LE(goInuse, m.HeapInuse);
    EXPECT_LE(m.HeapInuse - goInuse, slack)
        << "HeapInuse differs by more than one span per touched size class";
}

TEST(MemStatsConformance, PointerfulObjectsOf24Bytes) {
    compare({"scan24 10000", [](Runtime& rt, std::set<int>& touched) {
                 TypeId t = rt.types.define("scan24", 24, {0});
                 for (int i = 0; i < 10000; i++)
                     rt.newobject(t, 0);
                 touched.insert(sizeToClass(24));
             }});
}

TEST(MemStatsConformance, NoscanObjectsOf24Bytes) {
    compare({"noscan24 10000", [](Runtime& rt, std::set<int>& touched) {
                 TypeId t = rt.types.define("noscan24", 24, {});
                 for (int i = 0; i < 10000; i++)
                     rt.newobject(t, 0);
                 touched.insert(sizeToClass(24));
             }});
}

TEST(MemStatsConformance, TinyObjectsOf8Bytes) {
    compare({"tiny8 10000", [](Runtime& rt, std::set<int>& touched) {
                 TypeId t = rt.types.define("int64", 8, {});
                 for (int i = 0; i < 10000; i++)
                     rt.newobject(t, 0);
                 touched.insert(tinySizeClass);
             }});
}

TEST(MemStatsConformance, LargeObjectsOf40000Bytes) {
    compare({"large40000 300", [](Runtime& rt, std::set<int>&) {
                 TypeId u8 = rt.types.define("uint8", 1, {});
                 for (int i = 0; i < 300; i++)
                     rt.mallocgc(40000, u8, 0);
             }});
}

TEST(MemStatsConformance, OneAllocationOfEverySizeUpTo32KiB) {
    compare({"allsizes", [](Runtime& rt, std::set<int>& touched) {
                 TypeId u8 = rt.types.define("uint8", 1, {});
                 for (uintptr n = 1; n <= maxSmallSize; n++) {
                     rt.mallocgc(n, u8, 0);
                     touched.insert(n < maxTinySize ? tinySizeClass : sizeToClass(n));
                 }
             }});
}

TEST(SizeClassConformance, EveryObservableRequestSizeGetsGosSlotSize) {
    std::vector<std::string> lines = runProbe(GCLAB_GO_MEMSTATS, "classes");
    ASSERT_EQ(lines.size(), 1 + (maxSmallSize - 16 + 1)) << "8 plus every size 16..32768";
    for (const std::string& line : lines) {
        std::istringstream in(line);
        uintptr n = 0, slot = 0;
        in >> n >> slot;
        ASSERT_EQ(class_to_size[sizeToClass(n)], slot) << "request size " << n;
    }
}

} // namespace
} // namespace gclab
