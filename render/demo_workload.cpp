#include "render/demo_workload.h"

#include <string>

namespace gclab::render {

RuntimeConfig DemoWorkload::config(bool validate) {
    RuntimeConfig c;
    c.gomaxprocs = gomaxprocs;
    c.validate = validate;
    c.gogc = -1;
    return c;
}

DemoWorkload::DemoWorkload(Runtime& rt, std::uint64_t seed) : rng_(seed) {
    int64_ = rt.types.define("int64", 8, {});
    uint16_ = rt.types.define("uint16", 2, {});
    bool_ = rt.types.define("bool", 1, {});
    bytes12_ = rt.types.define("[12]byte", 12, {});
    byte_ = rt.types.define("byte", 1, {});
    pair_ = rt.types.define("Pair", 16, {0, 1});
    node_ = rt.types.define("Node", 24, {0, 2});
    tree_ = rt.types.define("Tree", 48, {0, 1, 2});
    big_ = rt.types.define("Record", 112, {0, 5, 9});
    ptr_ = rt.types.define("*Node", 8, {0});
    rt.addGlobals(numGlobals);
}

DemoStep DemoWorkload::step(Runtime& rt) {
    DemoStep st;
    st.index = ++done_;
    st.p = static_cast<std::uint32_t>(rng_.below(gomaxprocs));
    std::uint64_t pick = rng_.below(1000);
    TypeId typ;
    uintptr n = 0; // array length, 0 for new(T)
    if (pick < 300) {
        // Tiny noscan values share 16-byte blocks.
        const TypeId tiny[] = {int64_, uint16_, bool_, bytes12_};
        typ = tiny[rng_.below(4)];
    } else if (pick < 560) {
        const TypeId small[] = {pair_, node_, node_, tree_, big_};
        typ = small[rng_.below(5)];
    } else if (pick < 760) {
        typ = byte_;
        n = 16 + rng_.below(rng_.chance(1, 4) ? 1500 : 240);
    } else if (pick < 860) {
        typ = ptr_;
        n = 2 + rng_.below(63);
    } else if (pick < 996) {
        typ = byte_;
        n = 1024 + rng_.below(rng_.chance(1, 3) ? 31 * 1024 : 7 * 1024);
    } else if (pick < 999 || rng_.chance(3, 4)) {
        typ = byte_;
        n = 33 * 1024 + rng_.below(rng_.chance(1, 4) ? 480 * 1024 : 96 * 1024);
    } else {
        typ = byte_;
        n = (1 + rng_.below(3)) << 20;
    }

    // Copy what we need from the type: newarray may intern a new array type, which can move the registry.
    const std::string name = rt.types[typ].name;
    const uintptr size = rt.types[typ].size;
    st.noscan = rt.types[typ].noscan();
    if (n == 0) {
        st.expr = "new(" + name + ")";
        st.size = size;
        st.addr = rt.newobject(typ, st.p);
    } else {
        st.expr = "make([]" + name + ", " + std::to_string(n) + ")";
        st.size = size * n;
        st.addr = rt.newarray(typ, n, st.p);
    }

    // Keep part of the heap reachable: a third of the objects go into a random global, and pointerful
    // objects link to the previous pointerful object through their first word.
    if (rng_.chance(1, 3))
        rt.writePointer(PtrSlot::global(rng_.below(numGlobals)), st.addr);
    if (!st.noscan) {
        if (lastPtrObj_ != 0)
            rt.writePointer(PtrSlot::heap(st.addr, 0), lastPtrObj_);
        lastPtrObj_ = st.addr;
    }
    return st;
}

Runtime runDemo(std::uint64_t steps, std::uint64_t seed, bool validate) {
    Runtime rt(DemoWorkload::config(validate));
    DemoWorkload w(rt, seed);
    for (std::uint64_t i = 0; i < steps && !w.finished(); i++)
        w.step(rt);
    return rt;
}

} // namespace gclab::render
