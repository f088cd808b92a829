#include "sim/mgcwork.h"

#include <utility>

namespace gclab {

void GCWork::putSlow(uintptr obj, WorkFull& full) {
    if (wbuf1.size() == workbufEntries) {
        std::swap(wbuf1, wbuf2);
        if (wbuf1.size() == workbufEntries) {
            full.bufs.push_back(std::move(wbuf1));
            wbuf1 = Workbuf();
        }
    }
    wbuf1.push_back(obj);
}

uintptr GCWork::tryGetSlow(WorkFull& full) {
    if (wbuf1.empty()) {
        std::swap(wbuf1, wbuf2);
        if (wbuf1.empty()) {
            if (full.bufs.empty())
                return 0;
            wbuf1 = std::move(full.bufs.back());
            full.bufs.pop_back();
        }
    }
    uintptr obj = wbuf1.back();
    wbuf1.pop_back();
    return obj;
}

void GCWork::balanceSlow(WorkFull& full) {
    if (!wbuf2.empty()) {
        full.bufs.push_back(std::move(wbuf2));
        wbuf2 = Workbuf();
    } else if (wbuf1.size() > 4) {
        // handoff: the newer half stays with this P, the older half goes to the global list.
        std::size_t n = wbuf1.size() / 2;
        Workbuf mine(wbuf1.end() - static_cast<std::ptrdiff_t>(n), wbuf1.end());
        wbuf1.resize(wbuf1.size() - n);
        full.bufs.push_back(std::move(wbuf1));
        wbuf1 = std::move(mine);
    }
}

bool GCWork::dispose(WorkFull& full) {
    bool had = false;
    for (Workbuf* b : {&wbuf1, &wbuf2}) {
        if (!b->empty()) {
            full.bufs.push_back(std::move(*b));
            *b = Workbuf();
            had = true;
        }
    }
    return had;
}

} // namespace gclab
