// gclab benchmarks — the Runtime settings that measure the allocation path alone.
#pragma once

#include "sim/runtime.h"

namespace gclab::bench {

// gcOffConfig: GC off (GOGC=off), no event hashing or recording.
inline RuntimeConfig gcOffConfig() {
    RuntimeConfig cfg;
    cfg.gogc = -1;
    cfg.hashEvents = false;
    return cfg;
}

} // namespace gclab::bench
