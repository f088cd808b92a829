// gclab — mutator programs: what a simulated goroutine does, one operation at a time.
//
// Models: compiled Go code, reduced to the operations that matter to the heap: allocation, pointer
// loads and stores (heap, global, stack), stack frames, runtime.GC() and loops. Operands name the
// goroutine's stack slots ("locals"): the model's stack is a flat array of pointer slots.
// Simplifications: no scalars, no calls beyond frame push/pop, no channels or locks.
#pragma once

#include "sim/gotype.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gclab {

inline constexpr std::uint32_t nilLocal = ~std::uint32_t{0};

enum class OpCode : std::uint8_t {
    frame,       // push n nil slots
    ret,         // pop n slots
    newobj,      // local[a] = new(type b)
    newarray,    // local[a] = make([]type b, n)
    load,        // local[a] = local[b].field[c]
    store,       // local[a].field[b] = local[c] (nilLocal: nil)          (write barrier)
    storeRandom, // local[a].field[random] = local[c]                     (write barrier)
    loadRandom,  // local[a] = local[b].field[random]
    gload,       // local[a] = global[b]
    gstore,      // global[a] = local[c] (nilLocal: nil)                  (write barrier)
    move,        // local[a] = local[b]
    clear,       // local[a] = nil
    gc,          // runtime.GC(): block until a full cycle has run, then help sweep
    yield,       // runtime.Gosched()
    loop,        // repeat the ops up to the matching endloop n times
    endloop,
    go, // start a goroutine running program a
};

// guardNil in Op::n of load, loadRandom, store and storeRandom: skip the operation when the object
// local is nil (Go code's `if x != nil { ... }`) instead of failing with a nil dereference.
inline constexpr std::uint64_t guardNil = 1;

struct Op {
    OpCode code = OpCode::yield;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    std::uint32_t c = 0;
    std::uint64_t n = 0;
};

struct Program {
    std::string name;
    std::vector<Op> ops;
};

// Builder helpers keep scenario code readable.
namespace ops {
inline Op frame(std::uint64_t n) { return Op{OpCode::frame, 0, 0, 0, n}; }
inline Op ret(std::uint64_t n) { return Op{OpCode::ret, 0, 0, 0, n}; }
inline Op newobj(std::uint32_t dst, TypeId t) { return Op{OpCode::newobj, dst, t, 0, 0}; }
inline Op newarray(std::uint32_t dst, TypeId elem, std::uint64_t n) {
    return Op{OpCode::newarray, dst, elem, 0, n};
}
inline Op load(std::uint32_t dst, std::uint32_t obj, std::uint32_t field) {
    return Op{OpCode::load, dst, obj, field, 0};
}
inline Op store(std::uint32_t obj, std::uint32_t field, std::uint32_t src) {
    return Op{OpCode::store, obj, field, src, 0};
}
inline Op storeRandom(std::uint32_t obj, std::uint32_t src) {
    return Op{OpCode::storeRandom, obj, 0, src, 0};
}
inline Op loadRandom(std::uint32_t dst, std::uint32_t obj) { return Op{OpCode::loadRandom, dst, obj, 0, 0}; }
inline Op gload(std::uint32_t dst, std::uint32_t global) { return Op{OpCode::gload, dst, global, 0, 0}; }
inline Op gstore(std::uint32_t global, std::uint32_t src) { return Op{OpCode::gstore, global, 0, src, 0}; }
inline Op move(std::uint32_t dst, std::uint32_t src) { return Op{OpCode::move, dst, src, 0, 0}; }
inline Op clear(std::uint32_t dst) { return Op{OpCode::clear, dst, 0, 0, 0}; }
inline Op gc() { return Op{OpCode::gc, 0, 0, 0, 0}; }
inline Op yield() { return Op{OpCode::yield, 0, 0, 0, 0}; }
inline Op loop(std::uint64_t n) { return Op{OpCode::loop, 0, 0, 0, n}; }
inline Op endloop() { return Op{OpCode::endloop, 0, 0, 0, 0}; }
inline Op go(std::uint32_t program) { return Op{OpCode::go, program, 0, 0, 0}; }
} // namespace ops

} // namespace gclab
