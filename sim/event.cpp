#include "sim/event.h"

namespace gclab {

std::string_view eventKindName(EventKind k) {
    switch (k) {
    case EventKind::alloc:
        return "alloc";
    case EventKind::free:
        return "free";
    case EventKind::grey:
        return "grey";
    case EventKind::black:
        return "black";
    case EventKind::shade:
        return "shade";
    case EventKind::store:
        return "store";
    case EventKind::rootJob:
        return "root-job";
    case EventKind::phase:
        return "phase";
    case EventKind::stwStart:
        return "stw-start";
    case EventKind::stwEnd:
        return "stw-end";
    case EventKind::spanSwept:
        return "span-swept";
    case EventKind::spanAlloc:
        return "span-alloc";
    case EventKind::spanFree:
        return "span-free";
    case EventKind::workerStart:
        return "worker-start";
    case EventKind::workerStop:
        return "worker-stop";
    case EventKind::assist:
        return "assist";
    case EventKind::gcStart:
        return "gc-start";
    case EventKind::gcDone:
        return "gc-done";
    case EventKind::goroutineEnd:
        return "goroutine-end";
    case EventKind::oracleFailure:
        return "oracle-failure";
    case EventKind::allocPath:
        return "alloc-path";
    case EventKind::scavenge:
        return "scavenge";
    }
    return "?";
}

} // namespace gclab
