#include "render/comparison.h"

#include <utility>

namespace gclab::render {

namespace {

std::unique_ptr<Session> buildRun(const Session& primary, const RunOverrides& o, bool validate) {
    LoadedScenario sc = primary.scenario();
    ParamValues params = primary.params();
    applyRunOverrides(o, sc, params);
    return std::make_unique<Session>(std::move(sc), std::move(params), validate);
}

} // namespace

Comparison::Comparison(const Session& primary, RunOverrides overrides, bool validate)
    : overrides_(std::move(overrides)), run_(buildRun(primary, overrides_, validate)) {}

void Comparison::follow(std::uint64_t t) {
    const Timeline& tl = run_->timeline();
    if (run_->tick() == t || (tl.finished() && run_->tick() == tl.frontier() && t > tl.frontier()))
        return;
    run_->seek(t);
}

std::string Comparison::label(const Session& primary) const {
    return describeRun(run_->runtime(), run_->scenario(), run_->params(), primary.params());
}

} // namespace gclab::render
