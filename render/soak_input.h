// gclab-gui — the soak test's input: seeded random SDL events (gclab-gui --soak FRAMES --seed N).
//
// Each frame pushes a few events drawn from one generator (sim/rng.h, so the same seed gives the same
// input): the window's keys (Space, ←, →, R, L, F11, F12, Tab, Enter, Escape, Backspace, digits, the
// timeline's + - [ ] Home) with
// random Shift / Ctrl / Alt, typed text, and the mouse: moves anywhere over the window (and a little
// past its edges), left / right / middle presses and releases (so drags), and the wheel. The offscreen
// video driver has no pointer of its own, so the frame loop takes the pointer and the buttons from the
// events themselves, as it does for --keys.
#pragma once

#include "sim/rng.h"

#include <cstdint>

struct SDL_Window;

namespace gclab::render {

class SoakInput {
  public:
    explicit SoakInput(std::uint64_t seed) : rng_(seed) {}

    // pushFrame posts this frame's random events to SDL's queue for a window of w × h pixels.
    void pushFrame(SDL_Window* window, int w, int h);

  private:
    void key(SDL_Window* window);
    void text(SDL_Window* window);
    void mouse(SDL_Window* window, int w, int h);

    Rng rng_;
    int x_ = 0, y_ = 0;
    std::uint8_t buttons_ = 0; // bit i: button i+1 is held
};

} // namespace gclab::render
