#include "sim/mgcwork.h"

#include "sim/runtime.h"

#include <utility>

namespace gclab {

namespace {

// getempty takes an empty buffer from work.empty, carving a new workbuf span into buffers when the
// list is empty (the span itself is taken from the heap by Runtime::getWorkbufSpans).
void getempty(WorkFull& full) {
    if (full.nempty == 0) {
        full.spansWanted++;
        full.nempty += workbufsPerSpan;
    }
    full.nempty--;
}

void putempty(WorkFull& full) { full.nempty++; }

// putfull hands a buffer with objects to the global list.
void putfull(Workbuf& b, WorkFull& full) {
    full.bufs.push_back(b);
    b = Workbuf();
}

} // namespace

void GCWork::init(WorkFull& full) {
    getempty(full);
    if (full.bufs.empty()) {
        getempty(full);
    } else {
        wbuf2 = full.bufs.back(); // Go: trygetfull
        full.bufs.pop_back();
    }
    initialized = true;
}

void GCWork::putSlow(uintptr obj, WorkFull& full) {
    std::swap(wbuf1, wbuf2);
    if (wbuf1.full()) {
        putfull(wbuf1, full);
        getempty(full);
    }
    wbuf1.push(obj);
}

uintptr GCWork::tryGetSlow(WorkFull& full) {
    std::swap(wbuf1, wbuf2);
    if (wbuf1.empty()) {
        if (full.bufs.empty())
            return 0;
        putempty(full);
        wbuf1 = full.bufs.back();
        full.bufs.pop_back();
    }
    return wbuf1.pop();
}

void GCWork::balanceSlow(WorkFull& full) {
    if (!wbuf2.empty()) {
        putfull(wbuf2, full);
        getempty(full);
    } else if (wbuf1.size() > 4) {
        // handoff: the newer half moves to a new buffer that stays with this P, the older half goes to
        // the global list.
        getempty(full);
        Workbuf mine;
        mine.takeTop(wbuf1, wbuf1.size() / 2);
        putfull(wbuf1, full);
        wbuf1 = mine;
    }
}

bool GCWork::dispose(WorkFull& full) {
    if (!initialized)
        return false;
    bool had = false;
    for (Workbuf* b : {&wbuf1, &wbuf2}) {
        if (b->empty()) {
            putempty(full);
        } else {
            putfull(*b, full);
            had = true;
        }
    }
    initialized = false;
    return had;
}

void Runtime::prepareFreeWorkbufs() {
    SIM_CHECK(work.full.empty(), "cannot free workbufs when work.full is not empty");
    work.full.nempty = 0;
    work.wbufSpans.free += work.wbufSpans.busy;
    work.wbufSpans.busy = 0;
}

void Runtime::freeSomeWbufs() {
    if (gcphase == GCPhase::off)
        work.wbufSpans.free = 0;
}

} // namespace gclab
