#include "sim/mgclimit.h"

#include "sim/mgcpacer.h"

namespace gclab {

void GCCPULimiter::update(std::int64_t now, std::uint32_t numgc) {
    if (now < lastUpdate)
        return;
    std::int64_t windowTotalTime = (now - lastUpdate) * static_cast<std::int64_t>(nprocs);
    lastUpdate = now;
    std::int64_t windowGCTime = assistTimePool;
    assistTimePool = 0;
    if (gcEnabled)
        windowGCTime +=
            static_cast<std::int64_t>(static_cast<double>(windowTotalTime) * gcBackgroundUtilization);
    windowTotalTime -= idleTimePool;
    idleTimePool = 0;
    accumulate(windowTotalTime - windowGCTime, windowGCTime, numgc);
}

void GCCPULimiter::startGCTransition(bool enableGC, std::int64_t now, std::uint32_t numgc) {
    update(now, numgc);
    gcEnabled = enableGC;
    transitioning = true;
}

void GCCPULimiter::finishGCTransition(std::int64_t now, std::uint32_t numgc) {
    if (now >= lastUpdate)
        accumulate(0, (now - lastUpdate) * static_cast<std::int64_t>(nprocs), numgc);
    lastUpdate = now;
    transitioning = false;
}

void GCCPULimiter::accumulate(std::int64_t mutatorTime, std::int64_t gcTime, std::uint32_t numgc) {
    std::int64_t headroom = capacity - fill;
    bool wasEnabled = headroom == 0;
    std::int64_t change = gcTime - mutatorTime;
    if (change > 0 && headroom <= change) {
        overflow += change - headroom;
        fill = capacity;
        if (!wasEnabled) {
            enabled = true;
            lastEnabledCycle = numgc + 1;
        }
        return;
    }
    if (change < 0 && fill <= -change)
        fill = 0;
    else
        fill += change;
    if (change != 0 && wasEnabled)
        enabled = false;
}

} // namespace gclab
