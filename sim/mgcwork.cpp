#include "sim/mgcwork.h"

#include <utility>

namespace gclab {

void GCWork::putSlow(uintptr obj, WorkFull& full) {
    std::swap(wbuf1, wbuf2);
    if (wbuf1.full()) {
        full.bufs.push_back(wbuf1);
        wbuf1 = Workbuf();
    }
    wbuf1.push(obj);
}

uintptr GCWork::tryGetSlow(WorkFull& full) {
    std::swap(wbuf1, wbuf2);
    if (wbuf1.empty()) {
        if (full.bufs.empty())
            return 0;
        wbuf1 = full.bufs.back();
        full.bufs.pop_back();
    }
    return wbuf1.pop();
}

void GCWork::balanceSlow(WorkFull& full) {
    if (!wbuf2.empty()) {
        full.bufs.push_back(wbuf2);
        wbuf2 = Workbuf();
    } else if (wbuf1.size() > 4) {
        // handoff: the newer half stays with this P, the older half goes to the global list.
        Workbuf mine;
        mine.takeTop(wbuf1, wbuf1.size() / 2);
        full.bufs.push_back(wbuf1);
        wbuf1 = mine;
    }
}

bool GCWork::dispose(WorkFull& full) {
    bool had = false;
    for (Workbuf* b : {&wbuf1, &wbuf2}) {
        if (!b->empty()) {
            full.bufs.push_back(*b);
            *b = Workbuf();
            had = true;
        }
    }
    return had;
}

} // namespace gclab
