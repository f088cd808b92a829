// Test helpers shared by the sim tests.
#pragma once

#include "sim/runtime.h"

namespace gclab::test {

// testConfig turns on every check the model has: structural validation and the oracle.
inline RuntimeConfig testConfig(std::uint32_t procs = 1) {
    RuntimeConfig c;
    c.gomaxprocs = procs;
    c.validate = true;
    c.checkmark = true;
    c.logStores = true;
    return c;
}

} // namespace gclab::test
