// Test helpers shared by the sim tests.
#pragma once

#include "sim/runtime.h"

#include "scenarios/scenario.h"

#include <stdexcept>
#include <string>

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

// calibConfig is a bench/go-calib child's setting: one P and the GC off (GOGC=-1), without the
// per-step checks, which would dominate runs of this size.
inline RuntimeConfig calibConfig() {
    RuntimeConfig c = testConfig(1);
    c.validate = false;
    c.checkmark = false;
    c.gogc = -1;
    return c;
}

// holdNewObjects allocates a []*Object of n entries held by a new global and stores a new object of
// type `object` in every entry, as gclabcalib's programs fill their slices; it returns the slice.
inline uintptr holdNewObjects(Runtime& rt, TypeId object, std::uint64_t n) {
    TypeId ptr = rt.types.define("*Object", 8, {0});
    const uintptr global = rt.addGlobals(1);
    uintptr held = rt.newarray(ptr, n, 0);
    rt.writePointer(PtrSlot::global(global), held);
    for (std::uint64_t i = 0; i < n; i++)
        rt.writePointer(PtrSlot::heap(held, static_cast<std::uint32_t>(i)), rt.newobject(object, 0));
    return held;
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

// buildScenario builds the named scenario into rt with its default parameters, except those given.
// A scenario or parameter name that does not exist is a bug in the test: it throws.
inline void buildScenario(Runtime& rt, const std::string& name, const ParamValues& params = {}) {
    const Scenario* sc = findScenario(name);
    if (sc == nullptr)
        throw std::invalid_argument("no scenario named " + name);
    ParamValues values = sc->defaults();
    for (const auto& [param, value] : params) {
        auto it = values.find(param);
        if (it == values.end())
            throw std::invalid_argument("scenario " + name + " has no parameter " + param);
        it->second = value;
    }
    sc->build(rt, values);
}

} // namespace gclab::test
