#include "render/export_plan.h"

#include <cstdio>

namespace gclab::render {

std::string exportName(const LoadedScenario& sc) {
    std::string out = sc.scenario.name;
    for (char& c : out) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '_';
        if (!keep)
            c = '-';
    }
    return out.empty() ? "scenario" : out;
}

std::string screenshotName(const LoadedScenario& sc, std::uint64_t tick, const std::string& view) {
    return "gclab-" + exportName(sc) + "-" + std::to_string(tick) + (view.empty() ? "" : "-" + view) + ".png";
}

std::string frameFileName(std::size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "frame-%05zu.png", i);
    return buf;
}

std::vector<std::uint64_t> exportTicks(std::uint64_t from, std::uint64_t to, std::uint64_t every) {
    if (every == 0 || from > to || (to - from) / every >= static_cast<std::uint64_t>(maxExportFrames))
        return {};
    std::vector<std::uint64_t> ticks;
    for (std::uint64_t t = from; t <= to; t += every) {
        ticks.push_back(t);
        if (to - t < every)
            break;
    }
    return ticks;
}

std::optional<ViewArea> viewUnder(const WindowLayout& layout, const std::vector<ViewArea>& tabs, double x,
                                  double y) {
    for (const ViewArea& t : tabs)
        if (t.rect.contains(x, y))
            return t;
    const std::pair<const char*, const Rect*> areas[] = {{"controls", &layout.controls},
                                                         {"heap", &layout.heapMap},
                                                         {"timeline", &layout.timeline},
                                                         {"side", &layout.side}};
    for (const auto& [name, r] : areas)
        if (r->contains(x, y))
            return ViewArea{name, *r};
    return std::nullopt;
}

} // namespace gclab::render
