#include "cli/sample_schedule.h"

namespace gclab::cli {

std::string_view SampleSchedule::name(Reason r) {
    switch (r) {
    case Reason::start:
        return "start";
    case Reason::interval:
        return "interval";
    case Reason::gcStart:
        return "gc-start";
    case Reason::gcEnd:
        return "gc-end";
    case Reason::end:
        return "end";
    }
    return "?";
}

} // namespace gclab::cli
