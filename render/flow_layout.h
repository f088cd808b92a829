// gclab-gui — rows of ImGui items that wrap: an item that does not fit on the current row starts a new
// one, so that a narrow window (800 px, large fonts) keeps every control whole. Used by the control bar
// and the heap map's toolbar.
#pragma once

namespace gclab::render {

// flowSameLine keeps the next item, width pixels wide, on the current row after a gap when it fits
// there (up to the window's content edge); otherwise the item starts a new row and it returns true.
bool flowSameLine(float width, float gap);

// buttonWidth is the width of a button labelled label; radioButtonWidth that of a radio button.
float buttonWidth(const char* label);
float radioButtonWidth(const char* label);

} // namespace gclab::render
