#include "sim/mbarrier.h"

namespace gclab {

std::string_view barrierModeName(BarrierMode m) {
    switch (m) {
    case BarrierMode::hybrid:
        return "hybrid";
    case BarrierMode::hybridConceptual:
        return "hybrid-conceptual";
    case BarrierMode::dijkstra:
        return "dijkstra";
    case BarrierMode::yuasa:
        return "yuasa";
    case BarrierMode::off:
        return "off";
    }
    return "?";
}

std::optional<BarrierMode> parseBarrierMode(std::string_view s) {
    for (BarrierMode m : {BarrierMode::hybrid, BarrierMode::hybridConceptual, BarrierMode::dijkstra,
                          BarrierMode::yuasa, BarrierMode::off})
        if (barrierModeName(m) == s)
            return m;
    return std::nullopt;
}

} // namespace gclab
