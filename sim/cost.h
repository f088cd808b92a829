// gclab — virtual time: what each runtime operation costs, in nanoseconds.
//
// Models: nothing in Go; this is the model's clock. Every operation charges its cost to the P that
// ran it, and stop-the-world work charges every P. The numbers are first estimates of Go 1.19 on this
// class of machine (a fast-path allocation ~15 ns, a scanned object tens of ns); the pacer issue
// calibrates them against real measurements (docs/collector.md says which numbers are calibrated).
#pragma once

#include <cstdint>

namespace gclab {

struct CostModel {
    std::int64_t allocFast = 15;   // mallocgc fast path
    std::int64_t refill = 300;     // mcache.refill, excluding span allocation
    std::int64_t spanAlloc = 1000; // mheap.allocSpan
    std::int64_t pointerOp = 2;    // a load or store
    std::int64_t barrier = 5;      // one write-barrier invocation
    std::int64_t scanObject = 15;  // scanobject fixed part
    std::int64_t scanWord = 1;     // per pointer word examined
    std::int64_t rootJob = 100;    // markroot fixed part
    std::int64_t sweepSpan = 200;  // mspan.sweep fixed part
    std::int64_t sweepObject = 1;  // per slot examined
    std::int64_t stwFixed = 10000; // entering a stop-the-world stage
    std::int64_t schedule = 50;    // switching goroutines
    std::int64_t idle = 1000;      // an idle P waits this long before looking again
    std::int64_t flushMCache = 200;
    std::int64_t scavengePage = 1500; // releasing one 8 KiB page (madvise; mgcscavenge.h)
};

} // namespace gclab
