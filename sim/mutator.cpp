// gclab — the mutator's access to pointer slots: globals, goroutine stacks and heap object fields.
//
// Models: what compiled Go code does with pointers (stores to globals, stack slots and object
// fields); heap and global stores go through the write barrier (mbarrier.cpp), stack stores never do.
// Simplifications: a stored value must be nil, &zerobase or point into an allocated heap object;
// the model has no pointers to globals or stacks.
#include "sim/malloc.h"
#include "sim/runtime.h"

namespace gclab {

uintptr Runtime::addGlobals(uintptr n) {
    uintptr first = globals.size();
    globals.resize(first + n, 0);
    gcController.globalsScan += n * 8; // Go: gcController.addGlobals, the size of data+bss
    return first;
}

std::uint32_t Runtime::newproc(std::uint32_t program) {
    SIM_CHECK(program == noProgram || program < programs.size(), "newproc: no such program");
    G g;
    g.goid = static_cast<std::uint32_t>(allgs.size() + 1);
    g.program = program;
    // A goroutine created during marking starts with an empty stack: it is already black.
    g.gcscandone = work.cycles;
    g.status = program == noProgram ? GStatus::parked : GStatus::runnable;
    setStackSize(g, fixedStack);
    allgs.push_back(g);
    if (program != noProgram) {
        runq.push_back(g.goid);
        liveUserGoroutines++;
    }
    return g.goid;
}

std::uint32_t Runtime::addProgram(Program prog) {
    programs.push_back(std::move(prog));
    return static_cast<std::uint32_t>(programs.size() - 1);
}

G& Runtime::goroutine(std::uint32_t goid) {
    SIM_CHECK(goid >= 1 && goid <= allgs.size(), "no goroutine " + std::to_string(goid));
    return allgs[goid - 1];
}

const G& Runtime::goroutine(std::uint32_t goid) const {
    SIM_CHECK(goid >= 1 && goid <= allgs.size(), "no goroutine " + std::to_string(goid));
    return allgs[goid - 1];
}

void Runtime::stackPush(std::uint32_t goid, uintptr value) {
    checkPointerValue(value);
    G& g = goroutine(goid);
    g.stack.push_back(value);
    growStack(g);
}

void Runtime::setStackSize(G& g, uintptr size) {
    gcController.maxStackScan += size;
    gcController.maxStackScan -= g.stackSize;
    g.stackSize = size;
}

uintptr Runtime::stackPop(std::uint32_t goid) {
    G& g = goroutine(goid);
    SIM_CHECK(!g.stack.empty(), "stack pop on an empty stack of goroutine " + std::to_string(goid));
    uintptr v = g.stack.back();
    g.stack.pop_back();
    return v;
}

void Runtime::checkPointerValue(uintptr value) const {
    if (value == 0 || value == zerobase)
        return;
    ObjectRef ref;
    SIM_CHECK(mheap.findObject(value, ref), "pointer to unallocated memory: " + std::to_string(value));
}

TypeId Runtime::objectType(uintptr obj) const {
    ObjectRef ref;
    SIM_CHECK(mheap.findObject(obj, ref), "no allocated object at " + std::to_string(obj));
    return mheap.span(ref.span).typeOf(ref.slot);
}

uintptr* Runtime::slotPtr(const PtrSlot& slot) {
    switch (slot.kind) {
    case PtrSlot::Kind::global:
        SIM_CHECK(slot.index < globals.size(), "no global slot " + std::to_string(slot.index));
        return &globals[slot.index];
    case PtrSlot::Kind::stack: {
        G& g = goroutine(slot.goid);
        SIM_CHECK(slot.index < g.stack.size(), "no stack slot " + std::to_string(slot.index));
        return &g.stack[slot.index];
    }
    case PtrSlot::Kind::heap: {
        ObjectRef ref;
        SIM_CHECK(mheap.findObject(slot.index, ref), "store into unallocated memory");
        MSpan& s = mheap.span(ref.span);
        SIM_CHECK(s.base() + ref.slot * s.elemsize == slot.index,
                  "heap slot must name an object's base address");
        SIM_CHECK(slot.field < types[s.typeOf(ref.slot)].numPtrs(), "object has no such pointer field");
        return s.ptrSlots(ref.slot) + slot.field;
    }
    }
    simThrow("bad slot kind");
}

void Runtime::writePointer(const PtrSlot& slot, uintptr value, std::uint32_t goid) {
    checkPointerValue(value);
    uintptr* dst = slotPtr(slot);
    if (slot.kind != PtrSlot::Kind::stack) {
        bool global = slot.kind == PtrSlot::Kind::global;
        if (writeBarrierEnabled())
            writeBarrier(global, slot.index, slot.field, dst, value, goid);
        emit(EventKind::store, slot.index, global ? ~uintptr{0} : slot.field, value);
    }
    *dst = value;
}

uintptr Runtime::readPointer(const PtrSlot& slot) const { return *const_cast<Runtime*>(this)->slotPtr(slot); }

} // namespace gclab
