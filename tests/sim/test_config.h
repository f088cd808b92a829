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

// publishList allocates a linked list of n 16-byte nodes (one pointer word each, newest first) and
// stores its head in a new global.
inline void publishList(Runtime& rt, int n) {
    TypeId node = rt.types.define("Node", 16, {0});
    const uintptr global = rt.addGlobals(1);
    uintptr head = 0;
    for (int i = 0; i < n; i++) {
        uintptr x = rt.newobject(node, 0);
        rt.writePointer(PtrSlot::heap(x, 0), head);
        head = x;
    }
    rt.writePointer(PtrSlot::global(global), head);
}

} // namespace gclab::test
