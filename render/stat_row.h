// gclab-gui — one row of a two-column name/value table, with a tooltip on both cells (the stats and
// collector views).
#pragma once

#include <imgui.h>

#include <string>

namespace gclab::render {

inline void statRow(const char* name, const std::string& value, const char* tip) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(name);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tip);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(value.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tip);
}

} // namespace gclab::render
