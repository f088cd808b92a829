#include "render/flow_layout.h"

#include <imgui.h>

namespace gclab::render {

bool flowSameLine(float width, float gap) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + gap + width <= right) {
        ImGui::SameLine(0, gap);
        return false;
    }
    return true;
}

float buttonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float radioButtonWidth(const char* label) {
    // ImGui::RadioButton: a square of the frame height, the inner spacing, then the label.
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
           ImGui::CalcTextSize(label, nullptr, true).x;
}

} // namespace gclab::render
