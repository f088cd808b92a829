// Test helper shared by the inspector's tests: every allocated object, read from the span records.
#pragma once

#include "sim/runtime.h"

#include <vector>

namespace gclab::render {

// allocatedObjects lists every allocated slot of every in-use span, in span record order.
inline std::vector<ObjectRef> allocatedObjects(const Runtime& rt) {
    std::vector<ObjectRef> objects;
    for (std::size_t i = 1; i < rt.mheap.numSpanRecords(); i++) {
        const MSpan& s = rt.mheap.span(static_cast<SpanId>(i));
        if (s.state == MSpanState::mSpanInUse)
            for (std::uint32_t slot = 0; slot < s.nelems; slot++)
                if (!s.isFree(slot))
                    objects.push_back(ObjectRef{static_cast<SpanId>(i), slot});
    }
    return objects;
}

} // namespace gclab::render
