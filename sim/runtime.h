// gclab — the simulated Go runtime: one value that holds the whole model's state.
//
// Models: the runtime's global state (mheap_, allp, allgs, gcController, gcphase) and the mutator's
// view of memory: globals (data/bss pointer slots), goroutine stacks (pointer slots) and pointer
// fields inside heap objects, all read and written through one API. See malloc.h for the overview.
// Simplifications: only pointer words are stored (scalars are not modelled); a stack is a flat
// list of pointer slots; goroutines do not own Ps yet (the scheduler arrives with the collector).
// Runtime is a plain value: copying it snapshots the entire model, which replay relies on.
#pragma once

#include "sim/gotype.h"
#include "sim/mcache.h"
#include "sim/mgcpacer.h"
#include "sim/mheap.h"

#include <cstdint>
#include <vector>

namespace gclab {

// GCPhase mirrors Go's gcphase values _GCoff, _GCmark and _GCmarktermination.
enum class GCPhase : std::uint8_t { off, mark, marktermination };

struct P {
    std::uint32_t id = 0;
    MCache mcache;
};

struct G {
    std::uint32_t goid = 0;
    std::vector<uintptr> stack; // pointer slots, index 0 = oldest frame
    std::int64_t gcAssistBytes = 0;
};

struct RuntimeConfig {
    std::uint32_t gomaxprocs = 1;
    // validate runs the expensive structural checks (validate.cpp) after every heavy allocator
    // operation (refill, large allocation). Tests always turn it on.
    bool validate = false;
};

// PtrSlot names one pointer-sized location the mutator can read and write.
struct PtrSlot {
    enum class Kind : std::uint8_t { global, stack, heap };
    Kind kind = Kind::global;
    std::uint32_t goid = 0;  // stack slots: the goroutine
    uintptr index = 0;       // global or stack slot index; heap: the object's address
    std::uint32_t field = 0; // heap: which pointer field of the object (0-based)

    static PtrSlot global(uintptr i) { return PtrSlot{Kind::global, 0, i, 0}; }
    static PtrSlot stack(std::uint32_t goid, uintptr i) { return PtrSlot{Kind::stack, goid, i, 0}; }
    static PtrSlot heap(uintptr obj, std::uint32_t field) { return PtrSlot{Kind::heap, 0, obj, field}; }
};

class Runtime {
  public:
    explicit Runtime(RuntimeConfig cfg = {});

    // Allocation (malloc.cpp). p is the P the allocating goroutine runs on.
    // mallocgc allocates size bytes described by typ: a noscan typ may describe the element of a
    // larger object (like Go's []byte), a pointerful typ must be exactly size bytes (see newarray).
    uintptr mallocgc(uintptr size, TypeId typ, std::uint32_t p);
    uintptr newobject(TypeId typ, std::uint32_t p) { return mallocgc(types[typ].size, typ, p); }
    uintptr newarray(TypeId elem, uintptr n, std::uint32_t p);

    // Roots and pointer slots (mutator.cpp).
    uintptr addGlobals(uintptr n); // returns the index of the first new global slot
    std::uint32_t newproc();       // a new goroutine with an empty stack; returns its goid
    G& goroutine(std::uint32_t goid);
    const G& goroutine(std::uint32_t goid) const;
    void stackPush(std::uint32_t goid, uintptr value);
    uintptr stackPop(std::uint32_t goid);
    void writePointer(const PtrSlot& slot, uintptr value);
    uintptr readPointer(const PtrSlot& slot) const;
    // objectType returns the type recorded for the allocated object at base address obj.
    TypeId objectType(uintptr obj) const;

    // flushallmcaches releases every P's cached spans, as Go's ReadMemStats does before reading.
    void flushallmcaches();
    // validate runs every structural check and throws RuntimeThrow naming the first broken one.
    void validate() const;

    const RuntimeConfig& config() const { return cfg_; }

    TypeRegistry types;
    MHeap mheap;
    GCController gcController;
    std::vector<P> allp;
    std::vector<G> allgs;
    std::vector<uintptr> globals;
    GCPhase gcphase = GCPhase::off;
    bool gcBlackenEnabled = false;
    uintptr bytesMarked = 0;

  private:
    uintptr* slotPtr(const PtrSlot& slot);
    void gcmarknewobject(MSpan& span, std::uint32_t slot, uintptr size);
    void checkPointerValue(uintptr value) const;

    RuntimeConfig cfg_;
};

} // namespace gclab
