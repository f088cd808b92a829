// Scenario missing-write-barrier: the classic lost object. A goroutine builds a list whose nodes
// each hold a leaf, starts a GC with runtime.GC() in a second goroutine, and then, while the
// collector marks, allocates an array (allocated black: the collector will never look at it
// again) and walks the list, moving each leaf into the array and clearing the node's pointer.
// Where the walker is ahead of the collector, the leaf ends up referenced only from the black
// array; without a write barrier it is never marked and the oracle catches it at mark
// termination. (The mover's own mark assist, paid for the array, scans the first part of the list
// before the walk starts; the losses come after it.) Every correct barrier shades the leaf: on the store into
// the array (insertion), on the deletion from the node (deletion), or both (hybrid).
#include "scenarios/scenario.h"

namespace gclab {
namespace {

void build(Runtime& rt, const ParamValues& params) {
    const auto listLength = static_cast<std::uint64_t>(params.at("leaves"));
    using namespace ops;
    TypeId leaf = rt.types.define("Leaf", 16, {});
    // next, payload, ..., owner: 64 bytes of scan work per node, so that the mover's first mark assist
    // (64 KiB of scan work, paid when it allocates the array) covers only part of the list.
    TypeId node = rt.types.define("Node", 64, {0, 1, 7});
    TypeId leafPtr = rt.types.define("*Leaf", 8, {0});
    rt.addGlobals(2); // global 0: the list head; global 1: the array
    std::uint32_t collector = rt.addProgram(Program{"collector", {gc()}});
    Program p{"mover", {}};
    p.ops = {frame(4)};
    // Build the list: each node holds one leaf.
    p.ops.insert(p.ops.end(),
                 {loop(listLength), newobj(2, node), newobj(3, leaf), store(2, 1, 3), store(2, 0, 1),
                  move(1, 2), endloop(), gstore(0, 1), clear(1), clear(2), clear(3)});
    // Another goroutine calls runtime.GC(); yield so that it starts the cycle.
    p.ops.insert(p.ops.end(), {go(collector), yield()});
    // Allocate the array during marking (black), then walk the list: move each leaf into the array,
    // then unlink it from its node.
    p.ops.insert(p.ops.end(), {newarray(0, leafPtr, listLength), gstore(1, 0), gload(1, 0), loop(listLength),
                               load(2, 1, 1), storeRandom(0, 2), store(1, 1, nilLocal), clear(2),
                               load(1, 1, 0), endloop(), clear(0), clear(1)});
    rt.newproc(rt.addProgram(p));
}

Scenario make() {
    Scenario s;
    s.name = "missing-write-barrier";
    s.description =
        "A goroutine hides leaves behind an already-scanned (black) array while the GC marks; run it "
        "with --barrier off to watch the oracle catch the lost objects";
    s.params = {{"leaves", ScenarioParam::Kind::integer, 4000, 1000, 100000,
                 "list nodes, each holding one leaf the mover hides"}};
    s.narration = {
        {"start", "A list of nodes, each pointing at a leaf, is built; global 0 holds its head.", ""},
        {"gc:1", "A second goroutine calls runtime.GC(): the world stops for sweep termination.",
         "runtime/mgc.go: gcStart"},
        {"phase:mark", "Marking starts: the write barrier is on and new objects are allocated black.",
         "runtime/mgc.go: gcStart (setGCPhase(_GCmark))"},
        {"event:shade", "The mover stores a leaf into the black array: the write barrier sees the store.",
         "runtime/mwbbuf.go: wbBufFlush1"},
        {"phase:marktermination",
         "Mark termination: the oracle checks that every reachable object is marked.",
         "runtime/mcheckmark.go"},
    };
    s.build = build;
    return s;
}

const bool registered = registerScenario(make());

} // namespace
} // namespace gclab
