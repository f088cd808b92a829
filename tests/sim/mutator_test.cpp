// The mutator API: pointer stores into globals, stacks and heap objects.
#include "test_config.h"

#include "sim/malloc.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

struct Mutator : ::testing::Test {
    Runtime rt{test::testConfig(1)};
    TypeId node = rt.types.define("Node", 24, {0, 2});
    TypeId u8 = rt.types.define("uint8", 1, {});
};

TEST_F(Mutator, StoresAndLoadsThroughEveryKindOfSlot) {
    uintptr g0 = rt.addGlobals(2);
    std::uint32_t goid = rt.newproc();
    uintptr a = rt.newobject(node, 0);
    uintptr b = rt.newobject(node, 0);

    rt.writePointer(PtrSlot::global(g0 + 1), a);
    rt.stackPush(goid, b);
    rt.writePointer(PtrSlot::heap(a, 1), b);
    rt.writePointer(PtrSlot::heap(b, 0), a + 16); // interior pointers are fine

    EXPECT_EQ(rt.readPointer(PtrSlot::global(g0)), 0u);
    EXPECT_EQ(rt.readPointer(PtrSlot::global(g0 + 1)), a);
    EXPECT_EQ(rt.readPointer(PtrSlot::stack(goid, 0)), b);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(a, 0)), 0u);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(a, 1)), b);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(b, 0)), a + 16);
    EXPECT_EQ(rt.stackPop(goid), b);
    EXPECT_THROW(rt.stackPop(goid), RuntimeThrow);
}

// Go 1.19's stack sizes: 2 KiB to start, doubled by newstack until the used part plus the 928-byte
// guard fits, halved by shrinkstack at a scan while the used part plus 800 is under a quarter, never
// below 2 KiB; maxStackScan is the sum over live goroutines (the background sweeper included).
TEST_F(Mutator, StacksGrowByDoublingShrinkAtScansAndSumToMaxStackScan) {
    EXPECT_EQ(rt.gcController.maxStackScan, 2048u); // the background sweeper
    std::uint32_t goid = rt.newproc();
    EXPECT_EQ(rt.gcController.maxStackScan, 2u * 2048);
    for (int i = 0; i < 140; i++) // 1120 + 928 <= 2048
        rt.stackPush(goid, 0);
    EXPECT_EQ(rt.goroutine(goid).stackSize, 2048u);
    rt.stackPush(goid, 0); // 1128 + 928 > 2048
    EXPECT_EQ(rt.goroutine(goid).stackSize, 4096u);
    for (int i = 0; i < 559; i++) // 5600 + 928 > 4096 once 400 are pushed: 8192
        rt.stackPush(goid, 0);
    EXPECT_EQ(rt.goroutine(goid).stackSize, 8192u);
    EXPECT_EQ(rt.gcController.maxStackScan, 2048u + 8192);
    for (int i = 0; i < 700; i++) // returning never shrinks a stack
        rt.stackPop(goid);
    EXPECT_EQ(rt.goroutine(goid).stackSize, 8192u);
    const uintptr afterScan[] = {4096, 2048, 2048};
    for (uintptr want : afterScan) {
        rt.gcForce();
        rt.runUntilDone(~std::uint64_t{0});
        EXPECT_EQ(rt.goroutine(goid).stackSize, want);
        EXPECT_EQ(rt.gcController.maxStackScan, 2048u + want);
    }
    // A stack that still uses a quarter of itself keeps its size: 4096 with 300 slots (2400 + 800).
    for (int i = 0; i < 300; i++)
        rt.stackPush(goid, 0);
    EXPECT_EQ(rt.goroutine(goid).stackSize, 4096u);
    rt.gcForce();
    rt.runUntilDone(~std::uint64_t{0});
    EXPECT_EQ(rt.goroutine(goid).stackSize, 4096u);
}

TEST_F(Mutator, NewObjectsHaveNilPointersEvenInReusedSlots) {
    uintptr a = rt.newobject(node, 0);
    rt.writePointer(PtrSlot::heap(a, 0), a);
    uintptr b = rt.newobject(node, 0);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(b, 0)), 0u);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(b, 1)), 0u);
}

TEST_F(Mutator, WiderTypesInTheSameSpanKeepEveryObjectsPointers) {
    TypeId one = rt.types.define("One", 24, {0});
    uintptr a = rt.newobject(one, 0);
    uintptr b = rt.newobject(node, 0); // same span class, two pointer words: storage re-strides
    rt.writePointer(PtrSlot::heap(a, 0), b);
    uintptr c = rt.newobject(rt.types.define("Three", 24, {0, 1, 2}), 0);
    rt.writePointer(PtrSlot::heap(c, 2), a);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(a, 0)), b);
    EXPECT_EQ(rt.readPointer(PtrSlot::heap(c, 2)), a);
    EXPECT_THROW(rt.writePointer(PtrSlot::heap(a, 1), b), RuntimeThrow); // One has one pointer field
}

TEST_F(Mutator, RejectsStoresThatNoGoProgramCouldMake) {
    uintptr g = rt.addGlobals(1);
    uintptr bytes = rt.mallocgc(64, u8, 0);
    uintptr a = rt.newobject(node, 0);
    EXPECT_THROW(rt.writePointer(PtrSlot::heap(bytes, 0), a), RuntimeThrow);   // noscan object
    EXPECT_THROW(rt.writePointer(PtrSlot::global(g), a + 4096), RuntimeThrow); // unallocated target
    EXPECT_THROW(rt.writePointer(PtrSlot::global(g + 1), a), RuntimeThrow);    // no such global
    EXPECT_THROW(rt.writePointer(PtrSlot::heap(a + 8, 0), a), RuntimeThrow);   // not a base address
    EXPECT_THROW(rt.writePointer(PtrSlot::stack(99, 0), a), RuntimeThrow);     // no such goroutine
    rt.writePointer(PtrSlot::global(g), zerobase);
    EXPECT_EQ(rt.readPointer(PtrSlot::global(g)), zerobase);
}

TEST_F(Mutator, RuntimeIsAValueSnapshots) {
    uintptr g = rt.addGlobals(1);
    uintptr a = rt.newobject(node, 0);
    rt.writePointer(PtrSlot::global(g), a);
    Runtime snapshot = rt;
    uintptr b = rt.newobject(node, 0);
    rt.writePointer(PtrSlot::global(g), b);
    EXPECT_EQ(snapshot.readPointer(PtrSlot::global(g)), a);
    EXPECT_EQ(snapshot.newobject(node, 0), b); // the copy allocates exactly as the original did
    snapshot.validate();
}

} // namespace
} // namespace gclab
