// The control bar: play/pause, step, restart, speed, the step counter, the last allocation, and the
// presenter settings (large fonts, colour-blind-safe palette).
#include "render/app.h"
#include "render/heap_describe.h"

#include <imgui.h>

#include <string>

namespace gclab::render {

namespace {

bool buttonWithTip(const char* label, const char* tip) {
    bool pressed = ImGui::Button(label);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tip);
    return pressed;
}

} // namespace

void App::drawControlBar() {
    const float gap = ImGui::GetFontSize() * 1.2f;

    // Row 1: transport and speed.
    if (buttonWithTip(clock_.playing() ? "Pause" : " Play ", "Play / pause the demonstration  [Space]"))
        handle(Command::togglePlay);
    ImGui::SameLine();
    if (buttonWithTip("Step", "Run exactly one allocation  [Right arrow]"))
        handle(Command::step);
    ImGui::SameLine();
    if (buttonWithTip("Restart", "Back to an empty heap, step 0  [R]"))
        handle(Command::restart);

    ImGui::SameLine(0, gap);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Speed");
    ImGui::SameLine();
    int rate = clock_.rate();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    const char* fmt = clock_.unlimited() ? "as fast as possible" : "%d allocations/s";
    if (ImGui::SliderInt("##speed", &rate, SimClock::minRate, SimClock::maxRate, fmt,
                         ImGuiSliderFlags_Logarithmic))
        clock_.setRate(rate);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Allocations per second while playing; far right: as fast as possible");

    ImGui::SameLine(0, gap);
    std::string counter =
        "Step " + withThousands(workload_.stepsDone()) + " / " + withThousands(DemoWorkload::length);
    ImGui::TextUnformatted(counter.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("One step = one allocation (mallocgc) of the built-in demonstration workload:\n"
                          "GOMAXPROCS=2, seed %llu, no garbage collector yet.",
                          static_cast<unsigned long long>(DemoWorkload::defaultSeed));
    if (workload_.finished()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(end of the demonstration: R restarts)");
    }

    // Row 2: what just happened, and the presenter settings at the right.
    float settingsW = ImGui::CalcTextSize("Large fonts").x + ImGui::CalcTextSize("Colour-blind safe").x +
                      ImGui::GetFrameHeight() * 2 + ImGui::GetStyle().ItemInnerSpacing.x * 2 + gap * 2;
    if (error_) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 110, 255));
        ImGui::AlignTextToFramePadding();
        ImGui::Text("Model stopped: %s", error_->c_str());
        ImGui::PopStyleColor();
    } else if (lastStep_) {
        const DemoStep& s = *lastStep_;
        ImGui::AlignTextToFramePadding();
        ImGui::Text("Last: %s on P%u: %s, %s \u2192 %s", s.expr.c_str(), s.p, humanBytes(s.size).c_str(),
                    s.noscan ? "noscan" : "with pointers", hexAddr(s.addr).c_str());
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Built-in demonstration: mixed allocations on 2 Ps. Press Space to play.");
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - settingsW));
    ImGui::Checkbox("Large fonts", &settings_.largeFonts);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Bigger text and widgets, for a projector");
    ImGui::SameLine(0, gap);
    bool cb = settings_.palette == PaletteKind::colourBlindSafe;
    if (ImGui::Checkbox("Colour-blind safe", &cb))
        settings_.palette = cb ? PaletteKind::colourBlindSafe : PaletteKind::standard;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Size classes in Viridis instead of Turbo; roles use the Okabe-Ito colours in both");
}

} // namespace gclab::render
