// gclab sweep: results do not depend on --jobs, agree with single runs, and follow GOGC's trade-off.
#include "cli_test_util.h"

#include <gtest/gtest.h>

#include <sstream>

namespace gclab {
namespace {

cli::SweepOptions smallSweep() {
    cli::SweepOptions o;
    o.base.scenario = "steady-state";
    o.base.params = {"live_bytes=128KiB", "iterations=3000"};
    o.base.oracle = false;
    o.base.gomaxprocs = 2;
    // GOGC below 100 lowers the 4 MiB minimum heap goal, so this small heap sees 2, 1 and 0 cycles.
    o.gogc = {"5", "25", "50", "off"};
    o.csv = true;
    return o;
}

struct Row {
    std::string gogc;
    std::uint64_t peakAlloc, peakInuse, avgAlloc, numGC, maxPause, virtualNs;
    double cpu;
    std::string outcome;
};

std::vector<Row> parseCsv(const std::string& csv) {
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line,
              "GOGC,peak_heap_alloc_bytes,peak_heap_inuse_bytes,avg_heap_alloc_bytes,num_gc,gc_cpu_fraction,"
              "max_pause_ns,virtual_ns,outcome");
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        std::istringstream l(line);
        Row r;
        std::string f;
        std::getline(l, r.gogc, ',');
        l >> r.peakAlloc;
        l.ignore();
        l >> r.peakInuse;
        l.ignore();
        l >> r.avgAlloc;
        l.ignore();
        l >> r.numGC;
        l.ignore();
        l >> r.cpu;
        l.ignore();
        l >> r.maxPause;
        l.ignore();
        l >> r.virtualNs;
        l.ignore();
        std::getline(l, r.outcome);
        EXPECT_TRUE(l.eof() || !l.fail()) << line;
        rows.push_back(r);
    }
    return rows;
}

// serialSweep is smallSweep run one setting at a time (computed once per process).
const test::CliResult& serialSweep() {
    static const test::CliResult r = [] {
        cli::SweepOptions o = smallSweep();
        o.jobs = 1;
        return test::sweep(o);
    }();
    return r;
}

TEST(Sweep, ResultsDoNotDependOnJobs) {
    const test::CliResult& serial = serialSweep();
    ASSERT_EQ(serial.code, 0) << serial.err;
    cli::SweepOptions o = smallSweep();
    o.jobs = 4;
    test::CliResult parallel = test::sweep(o);
    ASSERT_EQ(parallel.code, 0) << parallel.err;
    EXPECT_EQ(parallel.out, serial.out);
    EXPECT_EQ(parseCsv(serial.out).size(), 4u);
}

TEST(Sweep, MoreGOGCMeansFewerCyclesAndMoreHeap) {
    std::vector<Row> rows = parseCsv(serialSweep().out);
    ASSERT_EQ(rows.size(), 4u);
    for (std::size_t i = 0; i < rows.size(); i++) {
        SCOPED_TRACE(rows[i].gogc);
        EXPECT_EQ(rows[i].outcome, "ok");
        EXPECT_LE(rows[i].avgAlloc, rows[i].peakAlloc);
        EXPECT_GE(rows[i].peakInuse, rows[i].peakAlloc); // in-use spans hold every allocated object
        EXPECT_GE(rows[i].cpu, 0.0);
        EXPECT_LE(rows[i].cpu, 1.0);
        if (i > 0) {
            EXPECT_LE(rows[i].numGC, rows[i - 1].numGC);
        }
        // Without a collection nothing is freed: HeapAlloc only grows, to the most any run can hold.
        EXPECT_LE(rows[i].peakAlloc, rows.back().peakAlloc);
    }
    EXPECT_GE(rows.front().numGC, 2u);
    EXPECT_GT(rows.front().cpu, 0.0);
    EXPECT_GT(rows.front().maxPause, 0u);
    // GOGC=off: no cycle, no GC CPU, no pause.
    EXPECT_EQ(rows.back().numGC, 0u);
    EXPECT_EQ(rows.back().cpu, 0.0);
    EXPECT_EQ(rows.back().maxPause, 0u);
}

TEST(Sweep, ARowAgreesWithASingleRun) {
    cli::SweepOptions o = smallSweep();
    o.gogc = {"5"};
    std::vector<Row> rows = parseCsv(test::sweep(o).out);
    ASSERT_EQ(rows.size(), 1u);
    cli::RunOptions r = o.base;
    r.gogc = "5";
    test::CliResult single = test::run(r);
    ASSERT_EQ(single.code, 0) << single.err;
    EXPECT_NE(single.out.find(" ns virtual, " + std::to_string(rows[0].numGC) + " GC cycles"),
              std::string::npos)
        << single.out;
    EXPECT_NE(single.out.find(std::to_string(rows[0].virtualNs) + " ns virtual"), std::string::npos)
        << single.out;
}

TEST(Sweep, TheTableHasAHeaderAndOneRowPerSetting) {
    cli::SweepOptions o = smallSweep();
    o.csv = false;
    o.gogc = {"100", "off"};
    test::CliResult r = test::sweep(o);
    ASSERT_EQ(r.code, 0) << r.err;
    std::istringstream in(r.out);
    std::string first, header, a, b, extra;
    std::getline(in, first);
    std::getline(in, header);
    std::getline(in, a);
    std::getline(in, b);
    EXPECT_FALSE(std::getline(in, extra));
    EXPECT_EQ(first, "scenario steady-state: 2 settings, gomaxprocs 2, seed 1, barrier hybrid, until end");
    EXPECT_EQ(header.rfind("GOGC  peak HeapAlloc  peak HeapInuse  avg HeapAlloc  GCs  GC CPU  max pause  "
                           "virtual time  outcome",
                           0),
              0u)
        << header;
    EXPECT_EQ(a.rfind("100 ", 0), 0u) << a;
    EXPECT_EQ(b.rfind("off ", 0), 0u) << b;
    EXPECT_NE(b.find(" MiB "), std::string::npos);
    EXPECT_EQ(b.substr(b.size() - 2), "ok");
}

TEST(Sweep, BadInputIsExit2BeforeAnythingRuns) {
    cli::SweepOptions o = smallSweep();
    o.gogc = {"100", "lots"};
    test::CliResult r = test::sweep(o);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gclab: --gogc: GOGC=lots: expected an integer percentage or \"off\" (Go 1.19 would "
                     "silently use 100)\n");
    EXPECT_TRUE(r.out.empty());
    o.gogc.clear();
    r = test::sweep(o);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(
        r.err,
        "gclab: sweep: nothing to vary; give --gogc or --gomemlimit with a list, like --gogc 50,100,200\n");
}

TEST(Sweep, AnOracleViolationIsExit3AndNamedInItsRow) {
    cli::SweepOptions o;
    o.base.scenario = "missing-write-barrier";
    o.base.barrier = "off";
    o.gogc = {"100", "200"};
    o.csv = true;
    test::CliResult r = test::sweep(o);
    EXPECT_EQ(r.code, 3);
    std::vector<Row> rows = parseCsv(r.out);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].outcome, "oracle-violation");
    EXPECT_EQ(r.err.rfind("oracle: GC 1 lost object", 0), 0u) << r.err;
}

// A GOMEMLIMIT list is an axis of its own: GOGC off, and a limit the heap must respect, against none.
TEST(Sweep, AGomemlimitListVariesTheLimit) {
    cli::SweepOptions o;
    o.base.scenario = "steady-state";
    o.base.params = {"live_bytes=1MiB", "iterations=20000"};
    o.base.oracle = false;
    o.gogc = {"off"};
    o.gomemlimit = {"off", "12MiB"};
    o.csv = true;
    test::CliResult r = test::sweep(o);
    ASSERT_EQ(r.code, 0) << r.err;
    std::istringstream in(r.out);
    std::string header, unlimited, limited;
    std::getline(in, header);
    std::getline(in, unlimited);
    std::getline(in, limited);
    EXPECT_EQ(header.rfind("GOGC,GOMEMLIMIT,peak_heap_alloc_bytes,", 0), 0u) << header;
    EXPECT_EQ(unlimited.rfind("off,off,", 0), 0u) << unlimited;
    EXPECT_EQ(limited.rfind("off,12MiB,", 0), 0u) << limited;
    // Columns after the two settings: peak alloc, peak inuse, avg alloc, num_gc.
    auto column = [](const std::string& line, int i) {
        std::istringstream l(line);
        std::string f;
        for (int k = 0; k <= i; k++)
            std::getline(l, f, ',');
        return std::stoull(f);
    };
    EXPECT_EQ(column(unlimited, 5), 0u) << "GOGC=off and no limit: no cycle";
    EXPECT_GT(column(limited, 5), 0u) << "the limit starts cycles";
    EXPECT_LT(column(limited, 2), column(unlimited, 2)) << "and keeps the peak heap lower";
}

} // namespace
} // namespace gclab
