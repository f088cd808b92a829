#include "render/soak_input.h"

#include <SDL.h>

namespace gclab::render {

namespace {

constexpr SDL_Keycode soakKeys[] = {
    SDLK_SPACE, SDLK_RIGHT, SDLK_LEFT,   SDLK_RIGHT,  SDLK_LEFT,      SDLK_r,           SDLK_F11,
    SDLK_F12,   SDLK_TAB,   SDLK_RETURN, SDLK_ESCAPE, SDLK_BACKSPACE, SDLK_0,           SDLK_5,
    SDLK_9,     SDLK_l,     SDLK_PLUS,   SDLK_MINUS,  SDLK_MINUS,     SDLK_LEFTBRACKET, SDLK_RIGHTBRACKET,
    SDLK_HOME};
constexpr Uint16 soakMods[] = {KMOD_NONE,  KMOD_NONE, KMOD_LSHIFT,
                               KMOD_LCTRL, KMOD_LALT, static_cast<Uint16>(KMOD_LSHIFT | KMOD_LCTRL)};
constexpr char soakText[] = "0123456789 abcxyz-_.\xc3\xa9";
constexpr Uint8 soakButtons[] = {SDL_BUTTON_LEFT, SDL_BUTTON_LEFT, SDL_BUTTON_LEFT, SDL_BUTTON_RIGHT,
                                 SDL_BUTTON_MIDDLE};

template <class T, std::size_t N>
const T& pick(Rng& rng, const T (&items)[N]) {
    return items[rng.below(N)];
}

} // namespace

void SoakInput::pushFrame(SDL_Window* window, int w, int h) {
    const std::uint64_t n = rng_.below(4); // 0–3 events; a quarter of the frames only draw
    for (std::uint64_t i = 0; i < n; i++) {
        const std::uint64_t r = rng_.below(100);
        if (r < 12)
            key(window);
        else if (r < 16)
            text(window);
        else
            mouse(window, w, h);
    }
}

void SoakInput::key(SDL_Window* window) {
    SDL_Event e{};
    const Uint16 mod = pick(rng_, soakMods);
    // F12 writes a file into the working directory: keep it rare.
    SDL_Keycode k = pick(rng_, soakKeys);
    if (k == SDLK_F12 && !rng_.chance(1, 8))
        k = SDLK_SPACE;
    SDL_SetModState(static_cast<SDL_Keymod>(mod));
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(window);
    e.key.state = SDL_PRESSED;
    e.key.repeat = rng_.chance(1, 10) ? 1 : 0;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    e.key.repeat = 0;
    SDL_PushEvent(&e);
}

void SoakInput::text(SDL_Window* window) {
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    e.text.windowID = SDL_GetWindowID(window);
    const std::uint64_t len = 1 + rng_.below(6);
    std::size_t at = 0;
    for (std::uint64_t i = 0; i < len && at + 2 < sizeof e.text.text; i++) {
        // The last two bytes of soakText are one UTF-8 character: copy it whole.
        const std::size_t c = rng_.below(sizeof soakText - 2);
        if (c + 2 == sizeof soakText - 1) {
            e.text.text[at++] = soakText[c];
            e.text.text[at++] = soakText[c + 1];
        } else {
            e.text.text[at++] = soakText[c];
        }
    }
    e.text.text[at] = '\0';
    SDL_PushEvent(&e);
}

void SoakInput::mouse(SDL_Window* window, int w, int h) {
    SDL_Event e{};
    const Uint32 id = SDL_GetWindowID(window);
    const std::uint64_t r = rng_.below(100);
    if (r < 50) {
        // Mostly short moves (drags), sometimes a jump anywhere, a few pixels past the edges included.
        if (rng_.chance(1, 4)) {
            x_ = static_cast<int>(rng_.below(static_cast<std::uint64_t>(w) + 20)) - 10;
            y_ = static_cast<int>(rng_.below(static_cast<std::uint64_t>(h) + 20)) - 10;
        } else {
            x_ += static_cast<int>(rng_.below(81)) - 40;
            y_ += static_cast<int>(rng_.below(81)) - 40;
        }
        e.type = SDL_MOUSEMOTION;
        e.motion.windowID = id;
        e.motion.x = x_;
        e.motion.y = y_;
        e.motion.state = buttons_;
        SDL_PushEvent(&e);
    } else if (r < 85) {
        const Uint8 b = pick(rng_, soakButtons);
        const auto bit = static_cast<std::uint8_t>(1u << (b - 1));
        const bool down = (buttons_ & bit) == 0;
        buttons_ = static_cast<std::uint8_t>(down ? buttons_ | bit : buttons_ & ~bit);
        e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        e.button.windowID = id;
        e.button.button = b;
        e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = static_cast<Uint8>(1 + rng_.below(2));
        e.button.x = x_;
        e.button.y = y_;
        SDL_PushEvent(&e);
    } else {
        e.type = SDL_MOUSEWHEEL;
        e.wheel.windowID = id;
        e.wheel.x = static_cast<Sint32>(rng_.below(3)) - 1;
        e.wheel.y = static_cast<Sint32>(rng_.below(7)) - 3;
        SDL_PushEvent(&e);
    }
}

} // namespace gclab::render
