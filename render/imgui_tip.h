// gclab — hover help for ImGui widgets, wrapped so that a long text stays inside the window.
#pragma once

#include <string>

namespace gclab::render {

// wrappedTooltip shows text in a tooltip wrapped at about 36 em.
void wrappedTooltip(const std::string& text);

// tip shows text in a wrapped tooltip while the last item is hovered (a disabled item too).
void tip(const char* text);

} // namespace gclab::render
