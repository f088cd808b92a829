// gclab — the typed event stream: every state change the model makes, in order.
//
// Models: nothing in Go directly (the closest is the execution tracer, src/runtime/trace.go). Views,
// recordings and tests consume these events; the running FNV-1a hash over them is the determinism
// contract: same scenario, seed and settings give the same hash in every build type.
#pragma once

#include "sim/base.h"

#include <cstdint>
#include <string_view>

namespace gclab {

enum class EventKind : std::uint8_t {
    alloc,         // a = object address, b = slot size, c = type id
    free,          // a = object address, b = slot size (freed by sweeping)
    grey,          // a = object address: marked and queued for scanning
    black,         // a = object address: scanned (or marked noscan)
    shade,         // write barrier: a = slot's object (0 for globals), b = old value, c = new value
    store,         // pointer store: a = destination (object address, or global index), b = field, c = value
    rootJob,       // a = job index, b = RootJob::Kind (0 globals, 1 stack, 2, 3: runtime data, BSS,
                   //   4, 5: fixed roots finalizers, free G stacks), c = goid or block
    phase,         // a = new GCPhase, b = work.cycles
    stwStart,      // a = 0 sweep termination, 1 mark termination
    stwEnd,        // a = 0 sweep termination, 1 mark termination
    spanSwept,     // a = span base, b = objects freed, c = 1 if the span was freed
    spanAlloc,     // a = span base, b = npages, c = span class
    spanFree,      // a = span base, b = npages
    workerStart,   // a = mark worker mode (1 dedicated, 2 fractional, 3 idle)
    workerStop,    // a = mark worker mode
    assist,        // a = scan work done, b = debt before
    gcStart,       // a = work.cycles, b = 1 if forced, c = heapLive
    gcDone,        // a = numgc, b = bytes marked
    goroutineEnd,  // g = the goroutine
    oracleFailure, // a = lost object
    allocPath, // a = AllocPath::encode() (stages visited, span source), b = span class, c = object address
    scavenge,  // a = first page released to the OS, b = npages, c = ScavengeSource (0 bg, 1 alloc, 2 forced)
};

std::string_view eventKindName(EventKind k);

struct Event {
    std::uint64_t tick = 0;
    EventKind kind = EventKind::alloc;
    std::uint32_t p = 0; // the P that acted (~0 for none)
    std::uint32_t g = 0; // the goroutine, 0 for none
    uintptr a = 0;
    uintptr b = 0;
    uintptr c = 0;
};

// Fnv1a accumulates a 64-bit FNV-1a style hash, one 64-bit word at a time.
struct Fnv1a {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    void add(std::uint64_t v) {
        h ^= v;
        h *= 0x100000001b3ULL;
        h ^= h >> 29;
    }
};

} // namespace gclab
