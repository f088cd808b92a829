#include "sim/runtime.h"

namespace gclab {

Runtime::Runtime(RuntimeConfig cfg) : cfg_(cfg) {
    SIM_CHECK(cfg.gomaxprocs >= 1, "GOMAXPROCS must be at least 1");
    allp.resize(cfg.gomaxprocs);
    for (std::uint32_t i = 0; i < cfg.gomaxprocs; i++)
        allp[i].id = i;
}

void Runtime::flushallmcaches() {
    for (P& p : allp)
        p.mcache.releaseAll(mheap, gcController, gcBlackenEnabled);
    if (cfg_.validate)
        validate();
}

} // namespace gclab
