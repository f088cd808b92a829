// gclab-gui — one row of a name/values table, with a tooltip on every cell (the stats and collector
// views: one value; the compare view: both runs' values and their differences).
#pragma once

#include <imgui.h>

#include <initializer_list>
#include <string>

namespace gclab::render {

inline void statRow(const char* name, std::initializer_list<std::string> values, const char* tip) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(name);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tip);
    int column = 1;
    for (const std::string& v : values) {
        ImGui::TableSetColumnIndex(column++);
        ImGui::TextUnformatted(v.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", tip);
    }
}

inline void statRow(const char* name, const std::string& value, const char* tip) {
    statRow(name, {value}, tip);
}

} // namespace gclab::render
