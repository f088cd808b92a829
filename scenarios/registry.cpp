#include "scenarios/scenario.h"

#include <algorithm>

namespace gclab {

namespace {
std::vector<Scenario>& registry() {
    static std::vector<Scenario> all;
    return all;
}
} // namespace

bool registerScenario(Scenario s) {
    auto& all = registry();
    all.push_back(std::move(s));
    std::sort(all.begin(), all.end(), [](const Scenario& a, const Scenario& b) { return a.name < b.name; });
    return true;
}

const std::vector<Scenario>& allScenarios() { return registry(); }

ParamValues Scenario::defaults() const {
    ParamValues v;
    for (const ScenarioParam& p : params)
        v[p.name] = p.defaultValue;
    return v;
}

std::vector<const NarrationBeat*> Scenario::breakpoints() const {
    std::vector<const NarrationBeat*> v;
    for (const NarrationBeat& b : narration)
        if (b.pause)
            v.push_back(&b);
    return v;
}

const Scenario* findScenario(const std::string& name) {
    for (const Scenario& s : registry())
        if (s.name == name)
            return &s;
    return nullptr;
}

} // namespace gclab
