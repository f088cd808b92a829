// Index of this file:
// [SECTION] setup (SDL, GL, ImGui, fonts, styles)
// [SECTION] screenshot
// [SECTION] scripted input
// [SECTION] frame loop
#include "render/platform_sdl.h"

#include "render/export_plan.h"
#include "render/heap_describe.h"
#include "render/image_export.h"
#include "render/soak_input.h"

#include <SDL.h>
#include <glad/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace gclab::render {

//-----------------------------------------------------------------------------
// [SECTION] setup (SDL, GL, ImGui, fonts, styles)
//-----------------------------------------------------------------------------

namespace {

constexpr float normalFontPx = 16;
constexpr float largeFontPx = 26;

struct Fonts {
    ImFont* normal = nullptr;
    ImFont* large = nullptr;
};

GLADapiproc loadGLProc(const char* name) {
    void* p = SDL_GL_GetProcAddress(name);
    GLADapiproc f = nullptr;
    static_assert(sizeof f == sizeof p);
    std::memcpy(&f, &p,
                sizeof f); // object pointer -> function pointer without a conditionally-supported cast
    return f;
}

bool readable(const char* path) {
    std::FILE* f = std::fopen(path, "rb");
    if (f == nullptr)
        return false;
    std::fclose(f);
    return true;
}

// loadFonts loads DejaVu Sans (fonts-dejavu-core; GCLAB_FONT overrides the path) at two sizes. Without
// it, ImGui's built-in ProggyClean is used (ASCII only; larger sizes are scaled and blurry).
Fonts loadFonts() {
    ImGuiIO& io = ImGui::GetIO();
    // Latin-1, general punctuation (– — …), arrows (→), mathematical operators (×, ≤), geometric shapes.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x21FF,
                                     0x2200, 0x22FF, 0x25A0, 0x25FF, 0};
    const char* env = std::getenv("GCLAB_FONT");
    const char* path = env != nullptr && *env != '\0' ? env : GCLAB_DEFAULT_FONT;
    Fonts f;
    if (readable(path)) {
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        f.normal = io.Fonts->AddFontFromFileTTF(path, normalFontPx, &cfg, ranges);
        f.large = io.Fonts->AddFontFromFileTTF(path, largeFontPx, &cfg, ranges);
    }
    if (f.normal == nullptr || f.large == nullptr) {
        std::fprintf(stderr,
                     "gclab-gui: font %s not found, using ImGui's built-in font "
                     "(install fonts-dejavu-core or set GCLAB_FONT)\n",
                     path);
        io.Fonts->Clear();
        ImFontConfig cfg;
        cfg.SizePixels = 13;
        f.normal = io.Fonts->AddFontDefault(&cfg);
        cfg.SizePixels = 13 * largeFontPx / normalFontPx;
        f.large = io.Fonts->AddFontDefault(&cfg);
    }
    return f;
}

// makeStyle is the window's ImGui style at a scale (large fonts); highContrast is the presenter's
// style: a pure black background, white text (disabled text light grey), and white outlines around
// windows, frames, buttons and check boxes, twice as thick.
ImGuiStyle makeStyle(float scale, bool highContrast) {
    ImGuiStyle s;
    ImGui::StyleColorsDark(&s);
    s.WindowRounding = 0;
    s.WindowBorderSize = 1;
    s.WindowPadding = ImVec2(8, 8);
    s.FramePadding = ImVec2(6, 4);
    s.ItemSpacing = ImVec2(8, 6);
    s.FrameRounding = 3;
    s.GrabRounding = 3;
    s.ScrollbarSize = 14;
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.085f, 0.09f, 0.10f, 1.0f);
    s.Colors[ImGuiCol_TitleBg] = ImVec4(0.13f, 0.15f, 0.19f, 1.0f);
    s.Colors[ImGuiCol_TitleBgActive] = s.Colors[ImGuiCol_TitleBg];
    s.Colors[ImGuiCol_PopupBg] = ImVec4(0.05f, 0.05f, 0.06f, 1.0f); // opaque tooltips read better projected
    if (highContrast) {
        const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1);
        for (ImGuiCol c : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_PopupBg, ImGuiCol_TitleBg,
                           ImGuiCol_TitleBgActive, ImGuiCol_FrameBg, ImGuiCol_MenuBarBg})
            s.Colors[c] = black;
        for (ImGuiCol c : {ImGuiCol_Text, ImGuiCol_Border, ImGuiCol_CheckMark, ImGuiCol_Separator})
            s.Colors[c] = white;
        // A slider's value is written over its grab: white text needs a grab darker than white.
        s.Colors[ImGuiCol_SliderGrab] = s.Colors[ImGuiCol_SliderGrabActive] = ImVec4(0.2f, 0.5f, 1.0f, 1);
        s.Colors[ImGuiCol_TextDisabled] = ImVec4(0.85f, 0.85f, 0.85f, 1);
        s.Colors[ImGuiCol_Button] = ImVec4(0.0f, 0.22f, 0.55f, 1);
        s.Colors[ImGuiCol_FrameBgHovered] = s.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.1f, 0.35f, 0.8f, 1);
        s.Colors[ImGuiCol_FrameBgActive] = s.Colors[ImGuiCol_ButtonActive] = ImVec4(0.2f, 0.45f, 0.95f, 1);
        s.WindowBorderSize = 2;
        s.FrameBorderSize = 2;
        s.PopupBorderSize = 2;
    }
    if (scale != 1)
        s.ScaleAllSizes(scale);
    return s;
}

struct SdlWindow {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    bool imguiSdl = false;
    bool imguiGl = false;

    ~SdlWindow() {
        if (imguiGl)
            ImGui_ImplOpenGL3_Shutdown();
        if (imguiSdl)
            ImGui_ImplSDL2_Shutdown();
        if (ImGui::GetCurrentContext() != nullptr)
            ImGui::DestroyContext();
        if (gl != nullptr)
            SDL_GL_DeleteContext(gl);
        if (window != nullptr)
            SDL_DestroyWindow(window);
        SDL_Quit();
    }
};

bool hasDisplay() {
    return std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr ||
           std::getenv("SDL_VIDEODRIVER") != nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] screenshot
//-----------------------------------------------------------------------------

// readFramebuffer reads the back buffer (call after rendering, before the swap) as opaque RGB, top row
// first.
RgbImage readFramebuffer(SDL_Window* window) {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window, &w, &h);
    std::vector<unsigned char> rgba(static_cast<std::size_t>(w) * h * 4);
    glFinish();
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    RgbImage img{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3)};
    for (int y = 0; y < h; y++) // GL's rows start at the bottom
        for (int x = 0; x < w; x++)
            std::copy_n(&rgba[(static_cast<std::size_t>(h - 1 - y) * w + x) * 4], 3,
                        &img.px[(static_cast<std::size_t>(y) * w + x) * 3]);
    return img;
}

bool saveScreenshot(SDL_Window* window, const std::string& path) {
    std::string err;
    if (!writePngAtomic(path, readFramebuffer(window), err)) {
        std::fprintf(stderr, "gclab-gui: %s\n", err.c_str());
        return false;
    }
    return true;
}

// exportView writes F12's PNG into the working directory: the whole window, or with view the view under
// the mouse; the App shows where it went.
void exportView(SDL_Window* window, App& app, const ImGuiIO& io, bool view) {
    RgbImage img = readFramebuffer(window);
    std::string name = screenshotName(app.session().scenario(), app.session().tick());
    if (view) {
        if (std::optional<ViewArea> a =
                viewUnder(app.layout(), app.viewAreas(), io.MousePos.x, io.MousePos.y)) {
            const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
            img = crop(img, static_cast<int>(a->rect.x0 * sx), static_cast<int>(a->rect.y0 * sy),
                       static_cast<int>(a->rect.x1 * sx), static_cast<int>(a->rect.y1 * sy));
            name = screenshotName(app.session().scenario(), app.session().tick(), a->name);
        }
    }
    std::string err;
    app.setStatus(writePngAtomic(name, img, err) ? "Saved " + name : err);
}

// RangeExportJob renders the requested ticks one frame each and hands each frame to the sink (the GIF
// or the PNG frames).
struct RangeExportJob {
    RangeExport request;
    std::vector<std::uint64_t> ticks;
    std::size_t next = 0;
    std::unique_ptr<FrameSink> sink;
    std::string error;

    bool done() const { return next >= ticks.size() || !error.empty(); }
};

bool writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) {
        std::fprintf(stderr, "gclab-gui: cannot write %s\n", path.c_str());
        return false;
    }
    return true;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] scripted input
//-----------------------------------------------------------------------------

namespace {

// ScriptFrame is what one frame of a --keys script pushes: a key press, a pointer move, a button, text.
struct ScriptFrame {
    // key presses and releases a key within the frame (the window's shortcuts see it; ImGui does not);
    // keyDown and keyUp, a frame apart, are a press ImGui's widgets see (Enter in a text field).
    enum class Kind : std::uint8_t { none, key, keyDown, keyUp, move, down, up, text };
    Kind kind = Kind::none;
    SDL_Keycode key = 0;
    Uint16 mod = KMOD_NONE;
    float x = 0, y = 0;
    std::string widget = {};            // move: to the centre of the widget the last frame noted by this name
    std::optional<float> fraction = {}; // ... or to this fraction of its width (a slider: gogc:, slide:@)
    std::string text = {};              // text: typed into the focused field
};

bool parseNumbers(const std::string& s, std::vector<float>& out) {
    std::istringstream in(s);
    std::string part;
    while (std::getline(in, part, ':')) {
        char* end = nullptr;
        float v = std::strtof(part.c_str(), &end);
        if (part.empty() || end != part.c_str() + part.size())
            return false;
        out.push_back(v);
    }
    return true;
}

// expandToken turns one script token into frames; false if the token is not valid.
bool expandToken(const std::string& token, std::vector<ScriptFrame>& out) {
    using K = ScriptFrame::Kind;
    std::string t = token;
    Uint16 mod = KMOD_NONE;
    for (auto [prefix, m] : {std::pair<const char*, Uint16>{"shift+", KMOD_LSHIFT},
                             {"ctrl+", KMOD_LCTRL},
                             {"alt+", KMOD_LALT}}) {
        if (t.rfind(prefix, 0) == 0) {
            mod = static_cast<Uint16>(mod | m);
            t = t.substr(std::strlen(prefix));
        }
    }
    if (t.rfind("click:@", 0) == 0 && t.size() > 7 && mod == KMOD_NONE) {
        for (K k : {K::move, K::down, K::up})
            out.push_back(ScriptFrame{k, 0, 0, 0, 0, t.substr(7)});
        return true;
    }
    if (t.rfind("text:", 0) == 0 && t.size() > 5 && t.size() - 5 < sizeof(SDL_TextInputEvent::text) &&
        mod == KMOD_NONE) {
        out.push_back(ScriptFrame{K::text, 0, 0, 0, 0, {}, std::nullopt, t.substr(5)});
        return true;
    }
    // slide:@WIDGET:FRACTION, and gogc:FRACTION / memlimit:FRACTION for the GOGC / GOMEMLIMIT sliders.
    std::string slider;
    if (t.rfind("slide:@", 0) == 0 && t.rfind(':') > 7) {
        slider = t.substr(7, t.rfind(':') - 7);
        t = "slide" + t.substr(t.rfind(':'));
    }
    const std::size_t colon = t.find(':');
    const std::string head = t.substr(0, colon);
    std::vector<float> n;
    if (colon != std::string::npos && !parseNumbers(t.substr(colon + 1), n))
        return false;
    static const std::pair<const char*, SDL_Keycode> keyNames[] = {{"space", SDLK_SPACE},
                                                                   {"right", SDLK_RIGHT},
                                                                   {"left", SDLK_LEFT},
                                                                   {"r", SDLK_r},
                                                                   {"l", SDLK_l},
                                                                   {"plus", SDLK_PLUS},
                                                                   {"minus", SDLK_MINUS},
                                                                   {"kp_plus", SDLK_KP_PLUS},
                                                                   {"kp_minus", SDLK_KP_MINUS},
                                                                   {"lbracket", SDLK_LEFTBRACKET},
                                                                   {"rbracket", SDLK_RIGHTBRACKET},
                                                                   {"0", SDLK_0},
                                                                   {"home", SDLK_HOME},
                                                                   {"f12", SDLK_F12},
                                                                   {"enter", SDLK_RETURN}};
    for (const auto& [name, k] : keyNames) {
        if (head != name)
            continue;
        if (colon != std::string::npos)
            return false;
        if (k == SDLK_RETURN) {
            out.push_back(ScriptFrame{K::keyDown, k, mod, 0, 0});
            out.push_back(ScriptFrame{K::keyUp, k, mod, 0, 0});
        } else {
            out.push_back(ScriptFrame{K::key, k, mod, 0, 0});
        }
        return true;
    }
    if (mod != KMOD_NONE)
        return false;
    if (head == "wait" && colon == std::string::npos) {
        out.push_back(ScriptFrame{});
        return true;
    }
    if (head == "click" && n.size() == 2) {
        out.push_back(ScriptFrame{K::move, 0, 0, n[0], n[1]});
        out.push_back(ScriptFrame{K::down, 0, 0, n[0], n[1]});
        out.push_back(ScriptFrame{K::up, 0, 0, n[0], n[1]});
        return true;
    }
    if (head == "move" && n.size() == 2) {
        out.push_back(ScriptFrame{K::move, 0, 0, n[0], n[1]});
        return true;
    }
    if (head == "drag" && n.size() == 4) {
        out.push_back(ScriptFrame{K::move, 0, 0, n[0], n[1]});
        out.push_back(ScriptFrame{K::down, 0, 0, n[0], n[1]});
        out.push_back(ScriptFrame{K::move, 0, 0, n[2], n[3]});
        out.push_back(ScriptFrame{K::up, 0, 0, n[2], n[3]});
        return true;
    }
    if ((head == "gogc" || head == "memlimit" || (head == "slide" && !slider.empty())) && n.size() == 1 &&
        n[0] >= 0 && n[0] <= 1) {
        for (K k : {K::move, K::down, K::up})
            out.push_back(ScriptFrame{k, 0, 0, 0, 0, head == "slide" ? slider : head, n[0]});
        return true;
    }
    return false;
}

// pushScriptFrame posts the frame's SDL events; the frame loop reads them like any other input. False
// when the frame names a widget the last frame did not draw.
bool pushScriptFrame(const ScriptFrame& f, const App& app, SDL_Window* window) {
    using K = ScriptFrame::Kind;
    float x = f.x, y = f.y;
    if (!f.widget.empty()) {
        const std::optional<Rect> r = app.itemRect(f.widget);
        if (!r) {
            std::fprintf(stderr, "gclab-gui: --keys: no widget '%s' in the last frame\n", f.widget.c_str());
            return false;
        }
        x = static_cast<float>((r->x0 + r->x1) / 2);
        y = static_cast<float>((r->y0 + r->y1) / 2);
        if (f.fraction) {
            // ImGui keeps 2 px plus half the grab clear at both ends (the grab is GrabMinSize wide for a
            // range wider than the slider); a pixel less than that makes fractions 0 and 1 land on the ends.
            const double pad = 1 + ImGui::GetStyle().GrabMinSize / 2;
            x = static_cast<float>(r->x0 + pad + *f.fraction * (r->width() - 2 * pad));
        }
    }
    SDL_Event e{};
    const Uint32 id = SDL_GetWindowID(window);
    switch (f.kind) {
    case K::none:
        return true;
    case K::text:
        e.type = SDL_TEXTINPUT;
        e.text.windowID = id;
        std::snprintf(e.text.text, sizeof e.text.text, "%s", f.text.c_str());
        SDL_PushEvent(&e);
        return true;
    case K::key:
    case K::keyDown:
    case K::keyUp:
        SDL_SetModState(static_cast<SDL_Keymod>(f.mod));
        e.key.windowID = id;
        e.key.keysym.sym = f.key;
        e.key.keysym.scancode = SDL_GetScancodeFromKey(f.key);
        e.key.keysym.mod = f.mod;
        if (f.kind != K::keyUp) {
            e.type = SDL_KEYDOWN;
            e.key.state = SDL_PRESSED;
            SDL_PushEvent(&e);
        }
        if (f.kind != K::keyDown) {
            e.type = SDL_KEYUP;
            e.key.state = SDL_RELEASED;
            SDL_PushEvent(&e);
        }
        return true;
    case K::move:
        e.type = SDL_MOUSEMOTION;
        e.motion.windowID = id;
        e.motion.x = static_cast<Sint32>(x);
        e.motion.y = static_cast<Sint32>(y);
        SDL_PushEvent(&e);
        return true;
    case K::down:
    case K::up:
        e.type = f.kind == K::down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        e.button.windowID = id;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = f.kind == K::down ? SDL_PRESSED : SDL_RELEASED;
        e.button.x = static_cast<Sint32>(x);
        e.button.y = static_cast<Sint32>(y);
        SDL_PushEvent(&e);
        return true;
    }
    return true;
}

// compareLanesText is where the compare view drew its two lanes, for --dump-timeline ("" when not drawn).
std::string compareLanesText(const App& app) {
    if (!app.compareLanes())
        return "";
    return formatTimelineState((*app.compareLanes())[0], "compare-a") +
           formatTimelineState((*app.compareLanes())[1], "compare-b");
}

// DrawCounts is what a frame asks the GPU for: vertices and draw commands (--measure reports both).
struct DrawCounts {
    int vertices = 0;
    int drawCalls = 0;
};

DrawCounts countDraws(const ImDrawData& d) {
    DrawCounts c{d.TotalVtxCount, 0};
    for (int i = 0; i < d.CmdListsCount; i++)
        c.drawCalls += d.CmdLists[i]->CmdBuffer.Size;
    return c;
}

std::string formatState(const App& app) {
    const Runtime& rt = app.session().runtime();
    char buf[512];
    std::snprintf(
        buf, sizeof buf,
        "tick %llu\nhash %016llx\ngogc %d\nbarrier %s\nplaying %d\nforked %d\nmemlimit %lld\ngo %s\ncycles "
        "%u\nloop %d\nloops %llu\ncontrol_rows %d\ncontrol_bar_bottom %.1f\ngc_button %.1f %.1f %.1f %.1f\n"
        "colour_by_row %.1f %.1f %.1f %.1f\nheap_toolbar_right %.1f\nsteps_finished_at_once %llu\n",
        static_cast<unsigned long long>(rt.tick),
        static_cast<unsigned long long>(rt.stateHash() ^ rt.eventHash.h), rt.gcController.gcPercent,
        std::string(barrierModeName(rt.barrier)).c_str(), app.playing() ? 1 : 0,
        app.session().original() != nullptr ? 1 : 0, static_cast<long long>(rt.gcController.memoryLimit),
        rt.config().goVersion == GoVersion::go1_26 ? "1.26" : "1.19", static_cast<unsigned>(rt.work.cycles),
        app.looping() ? 1 : 0, static_cast<unsigned long long>(app.loops()), app.controlRows(),
        app.layout().controls.y1, app.gcButtonRect().x0, app.gcButtonRect().y0, app.gcButtonRect().x1,
        app.gcButtonRect().y1, app.heapMap().colourByRow().x0, app.heapMap().colourByRow().y0,
        app.heapMap().colourByRow().x1, app.heapMap().colourByRow().y1,
        static_cast<double>(app.heapMap().toolbarRight()),
        static_cast<unsigned long long>(app.stepsFinishedAtOnce()));
    std::string out = buf;
    // The timeline's visible range, in virtual time and in the ticks at its ends, and the playhead's time.
    const TimelineState& tl = app.timelineView().state();
    const SeriesRecorder& series = app.session().series();
    std::snprintf(buf, sizeof buf, "timeline_ns %.0f %.0f\ntimeline_ticks %llu %llu\nnow_ns %llu\n", tl.ns0,
                  tl.ns1, static_cast<unsigned long long>(series.tickAt(static_cast<std::int64_t>(tl.ns0))),
                  static_cast<unsigned long long>(series.tickAt(static_cast<std::int64_t>(tl.ns1))),
                  static_cast<unsigned long long>(rt.now()));
    out += buf;
    // The controls: speed, the scenario and the values of its parameters the run was built with, and the
    // entries the scenario picker shows (while it is open).
    out +=
        "rate " + std::to_string(app.rate()) + "\nscenario " + app.session().scenario().scenario.name + "\n";
    for (const auto& [name, v] : app.session().params())
        out += "param_" + name + " " + std::to_string(v) + "\n";
    const std::string pick = "scenario-pick-";
    out += "scenario_list";
    for (const std::string& n : app.itemNames(pick))
        out += " " + n.substr(pick.size());
    out += "\n";
    // The collector's fill bars (gcWork, wbBuf, the limiter) and the statistics view's memory classes.
    for (const char* prefix : {"collector-", "stats-class-"})
        for (const std::string& n : app.itemNames(prefix)) {
            const Rect r = *app.itemRect(n);
            std::snprintf(buf, sizeof buf, "bar %s %.1f %.1f %.1f %.1f\n", n.c_str(), r.x0, r.y0, r.x1, r.y1);
            out += buf;
        }
    // Where the heap map's and the timeline's windows are (the window layout).
    for (const auto& [name, r] :
         {std::pair{"heap", app.layout().heapMap}, std::pair{"timeline", app.layout().timeline}}) {
        std::snprintf(buf, sizeof buf, "pane_%s %.1f %.1f %.1f %.1f\n", name, r.x0, r.y0, r.x1, r.y1);
        out += buf;
    }
    // Where the side panel drew its tabs' headers and its shown tab (Shift+F12 exports it alone).
    for (const std::string& n : app.itemNames("tab-")) {
        const Rect r = *app.itemRect(n);
        std::snprintf(buf, sizeof buf, "tab_%s %.1f %.1f %.1f %.1f\n", n.substr(4).c_str(), r.x0, r.y0, r.x1,
                      r.y1);
        out += buf;
    }
    for (const ViewArea& v : app.viewAreas()) {
        std::snprintf(buf, sizeof buf, "view_area_%s %.1f %.1f %.1f %.1f\n", v.name.c_str(), v.rect.x0,
                      v.rect.y0, v.rect.x1, v.rect.y1);
        out += buf;
    }
    // The texts the views showed (the statistics view's values): where, then the text to the line's end.
    for (const auto& [name, text] : app.itemTexts()) {
        const Rect r = *app.itemRect(name);
        std::snprintf(buf, sizeof buf, "text %s %.1f %.1f %.1f %.1f ", name.c_str(), r.x0, r.y0, r.x1, r.y1);
        out += buf + text + "\n";
    }
    if (const std::optional<Rect> r = app.itemRect("colour-blind-safe")) {
        std::snprintf(buf, sizeof buf, "colour_blind_checkbox %.1f %.1f %.1f %.1f\n", r->x0, r->y0, r->x1,
                      r->y1);
        out += buf;
    }
    for (const GraphNodeDrawn& n : app.graphNodesDrawn()) {
        std::snprintf(buf, sizeof buf, "graph_node %#llx %.1f %.1f %.1f\n",
                      static_cast<unsigned long long>(n.addr), static_cast<double>(n.x),
                      static_cast<double>(n.y), static_cast<double>(n.radius));
        out += buf;
    }
    if (const ObjectHistoryReplay* h = app.objectHistory()) {
        // The selected object's history: the tick replayed to, how far, and (once done) its allocation.
        std::snprintf(buf, sizeof buf, "history_object %#llx\nhistory_tick %llu\nhistory_percent %d\n",
                      static_cast<unsigned long long>(h->base()), static_cast<unsigned long long>(h->tick()),
                      static_cast<int>(h->progress() * 100));
        out += buf;
        if (h->done() && h->history().allocTick)
            out += "history_alloc_tick " + std::to_string(*h->history().allocTick) + "\n";
        if (h->done())
            for (const std::string& line : describeHistory(h->history(), rt))
                out += "history_line " + line + "\n";
    }
    // The inspector's pointers in (once scanned) and the last pointer of its why-alive chain, one slot a
    // line: "global I", "stack GOID I" or "heap OBJECT FIELD".
    auto slotText = [](const PtrSlot& p) {
        switch (p.kind) {
        case PtrSlot::Kind::global:
            return "global " + std::to_string(p.index);
        case PtrSlot::Kind::stack:
            return "stack " + std::to_string(p.goid) + " " + std::to_string(p.index);
        case PtrSlot::Kind::heap:
            return "heap " + hexAddr(p.index) + " " + std::to_string(p.field);
        }
        return std::string("?");
    };
    if (app.inspection() && app.pointersInKnown()) {
        out += "pointers_in_total " + std::to_string(app.inspection()->inTotal) + "\n";
        for (const PtrSlot& p : app.inspection()->in)
            out += "pointers_in_slot " + slotText(p) + "\n";
    }
    if (const auto why = app.whyPath(); why && *why)
        out += "why_alive_last_slot " + slotText((*why)->back().slot) + "\n";
    if (const std::optional<uintptr>& sel = app.heapMap().selected()) {
        ObjectRef ref;
        const bool allocated = rt.mheap.findObject(*sel, ref) && !rt.mheap.span(ref.span).isFree(ref.slot);
        out += std::string("selected_allocated ") + (allocated ? "1" : "0") + "\n";
    }
    if (const Comparison* c = app.comparison()) {
        const Runtime& b = c->run().runtime();
        std::snprintf(buf, sizeof buf, "compare_tick %llu\ncompare_hash %016llx\ncompare_gogc %d\n",
                      static_cast<unsigned long long>(b.tick),
                      static_cast<unsigned long long>(b.stateHash() ^ b.eventHash.h),
                      b.gcController.gcPercent);
        out += buf;
    }
    return out;
}

} // namespace

std::string checkScript(const std::vector<std::string>& script) {
    std::vector<ScriptFrame> frames;
    for (const std::string& t : script)
        if (!expandToken(t, frames))
            return "--keys: expected space, right, left, r, l, plus, minus, kp_plus, kp_minus, lbracket, "
                   "rbracket, 0, home, f12 or enter (optionally shift+, ctrl+ or alt+), wait, "
                   "click:X:Y, click:@WIDGET, move:X:Y, drag:X1:Y1:X2:Y2, gogc:FRACTION, memlimit:FRACTION, "
                   "slide:@WIDGET:FRACTION or text:TEXT, got '" +
                   t + "'";
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] frame loop
//-----------------------------------------------------------------------------

int runGui(const GuiConfig& cfg, const AppOptions& appOptions) {
    const bool headless = cfg.headless();
    if (headless && std::getenv("SDL_VIDEODRIVER") == nullptr)
        setenv("SDL_VIDEODRIVER", "offscreen", 1); // a GL context through EGL, no display needed
    if (!headless && !hasDisplay()) {
        std::fprintf(stderr,
                     "gclab-gui: no display (DISPLAY / WAYLAND_DISPLAY unset). For headless rendering "
                     "use --screenshot OUT.png, or set SDL_VIDEODRIVER.\n");
        return 1;
    }

    SdlWindow w;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "gclab-gui: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    Uint32 flags = SDL_WINDOW_OPENGL;
    if (!headless)
        flags |= SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    w.window = SDL_CreateWindow("gclab \u2014 Go 1.19 memory management sandbox", SDL_WINDOWPOS_CENTERED,
                                SDL_WINDOWPOS_CENTERED, cfg.width, cfg.height, flags);
    if (w.window == nullptr) {
        std::fprintf(stderr, "gclab-gui: SDL_CreateWindow: %s\n", SDL_GetError());
        return 1;
    }
    w.gl = SDL_GL_CreateContext(w.window);
    if (w.gl == nullptr) {
        std::fprintf(stderr, "gclab-gui: cannot create an OpenGL 3.3 core context: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(w.window, w.gl);
    // Vsync paces the window; where it is unavailable (e.g. Xvfb) the loop sleeps to about 60 fps.
    const bool paced = !headless && SDL_GL_SetSwapInterval(1) == 0;
    if (headless)
        SDL_GL_SetSwapInterval(0);
    if (gladLoadGL(loadGLProc) == 0) {
        std::fprintf(stderr, "gclab-gui: cannot load OpenGL 3.3 functions\n");
        return 1;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // the layout is fixed; nothing to remember between runs
    Fonts fonts = loadFonts();
    // Indexed by [large fonts][high contrast].
    const ImGuiStyle styles[2][2] = {
        {makeStyle(1, false), makeStyle(1, true)},
        {makeStyle(largeFontPx / normalFontPx, false), makeStyle(largeFontPx / normalFontPx, true)}};
    w.imguiSdl = ImGui_ImplSDL2_InitForOpenGL(w.window, w.gl);
    w.imguiGl = ImGui_ImplOpenGL3_Init("#version 330 core");
    if (!w.imguiSdl || !w.imguiGl) {
        std::fprintf(stderr, "gclab-gui: ImGui backend initialisation failed\n");
        return 1;
    }

    std::vector<ScriptFrame> script;
    for (const std::string& t : cfg.script)
        expandToken(t, script);
    // The script starts once the first frames have laid out every widget.
    constexpr int scriptStart = 2;

    int rc = 0;
    std::unique_ptr<App> appPtr; // owns GL textures: destroyed before the context
    try {
        appPtr = std::make_unique<App>(appOptions);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gclab-gui: %s\n", e.what());
        return 2;
    }
    {
        App& app = *appPtr;
        if (cfg.measureSeeks > 0) {
            SeekMeasurement m = app.measureSeeks(cfg.measureSeeks);
            std::sort(m.arriveMs.begin(), m.arriveMs.end());
            std::sort(m.frameMs.begin(), m.frameMs.end());
            if (!m.arriveMs.empty())
                std::printf(
                    "gclab-gui: %zu seeks over %llu ticks, %llu events (%zu keyframes, %.1f MiB): arrived "
                    "after "
                    "median %.2f ms, max %.2f ms; %zu frames of seeking: median %.2f ms, max %.2f ms\n",
                    m.arriveMs.size(), static_cast<unsigned long long>(app.session().timeline().frontier()),
                    static_cast<unsigned long long>(m.eventsAtEnd), app.session().timeline().keyframeCount(),
                    static_cast<double>(app.session().timeline().keyframeBytes()) / (1 << 20),
                    m.arriveMs[m.arriveMs.size() / 2], m.arriveMs.back(), m.frameMs.size(),
                    m.frameMs[m.frameMs.size() / 2], m.frameMs.back());
        }
        SoakInput soak(cfg.soakSeed);
        std::unique_ptr<RangeExportJob> rangeJob;
        auto startRangeExport = [&](const RangeExport& r) {
            rangeJob = std::make_unique<RangeExportJob>();
            rangeJob->request = r;
            rangeJob->ticks = exportTicks(r.from, r.to, r.every);
            rangeJob->sink = makeFrameSink(r.format, r.path);
        };
        const int rangeFrames =
            cfg.exportRange
                ? static_cast<int>(
                      exportTicks(cfg.exportRange->from, cfg.exportRange->to, cfg.exportRange->every).size())
                : 0;
        const int warmup = cfg.measureFrames > 0 ? 5 : 0;
        const int scriptFrames = static_cast<int>(script.size());
        // Measured frames alternate between the window and an empty ImGui frame, one blank window over the
        // display (same run, same warmth).
        const int measured = 2 * cfg.measureFrames;
        const int totalFrames = headless ? std::max(cfg.frames, scriptStart + 1) + scriptFrames +
                                               cfg.soakFrames + rangeFrames + warmup + measured
                                         : -1;
        std::vector<double> emptyMs, logMs;
        DrawCounts fullCounts, emptyCounts;
        std::optional<ImVec2> scriptMouse;
        bool scriptButtons[3] = {false, false, false}; // left, right, middle
        const bool syntheticPointer = !script.empty() || cfg.soakFrames > 0;
        std::vector<double> frameMs;
        Uint64 last = SDL_GetPerformanceCounter();
        bool running = true;
        int exportRequest = 0; // F12: 1 the whole window, 2 the view under the mouse
        // Whether ImGui keeps the keys from the window's shortcuts: an item was active (a text field being
        // edited, a slider held) when the last frame ended. io.WantCaptureKeyboard says the same as of that
        // frame's start (ImGui computes it in NewFrame), a frame late: a slider released in the last frame
        // would still swallow the key pressed next.
        bool keysToImGui = false;
        bool rangeExportFailed = false;
        // Headless, the run ends once its frames are drawn and no seek is still on its way (a step back
        // re-steps over several frames), so that the last frame shows where the script went, nor the
        // inspector's history replay (so that it shows the history).
        for (int frame = 0;
             running && (totalFrames < 0 || frame < totalFrames || app.seeking() || app.inspectorBusy());
             frame++) {
            auto t0 = std::chrono::steady_clock::now();
            if (frame >= scriptStart && frame - scriptStart < scriptFrames) {
                if (!pushScriptFrame(script[static_cast<std::size_t>(frame - scriptStart)], app, w.window)) {
                    rc = 1;
                    break;
                }
            } else if (frame >= scriptStart + scriptFrames &&
                       frame - scriptStart - scriptFrames < cfg.soakFrames)
                soak.pushFrame(w.window, cfg.width, cfg.height);
            SDL_Event e;
            while (SDL_PollEvent(&e)) {
                ImGui_ImplSDL2_ProcessEvent(&e);
                // Scripted pointer input: the offscreen driver has no pointer for the backend to poll.
                if (syntheticPointer && e.type == SDL_MOUSEMOTION)
                    scriptMouse = ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y));
                if (syntheticPointer && (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP) &&
                    e.button.button >= SDL_BUTTON_LEFT && e.button.button <= SDL_BUTTON_RIGHT)
                    scriptButtons[e.button.button == SDL_BUTTON_LEFT    ? 0
                                  : e.button.button == SDL_BUTTON_RIGHT ? 1
                                                                        : 2] = e.type == SDL_MOUSEBUTTONDOWN;
                if (e.type == SDL_QUIT ||
                    (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
                     e.window.windowID == SDL_GetWindowID(w.window)))
                    running = false;
                if (e.type != SDL_KEYDOWN || keysToImGui)
                    continue;
                const Uint16 mod = e.key.keysym.mod;
                bool plain = (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) == 0;
                StepBy by = (mod & KMOD_ALT) != 0     ? StepBy::cycle
                            : (mod & KMOD_CTRL) != 0  ? StepBy::phase
                            : (mod & KMOD_SHIFT) != 0 ? StepBy::mutatorOp
                                                      : StepBy::event;
                switch (e.key.keysym.sym) {
                case SDLK_SPACE:
                    if (!e.key.repeat)
                        app.handle(Action::togglePlay);
                    break;
                case SDLK_RIGHT:
                    app.handle(Action::forward, by);
                    break;
                case SDLK_LEFT:
                    app.handle(Action::back, by);
                    break;
                case SDLK_r:
                    if (!e.key.repeat && plain)
                        app.handle(Action::restart);
                    break;
                case SDLK_l:
                    if (!e.key.repeat && plain)
                        app.handle(Action::toggleLoop);
                    break;
                case SDLK_PLUS:
                case SDLK_EQUALS: // + unshifted on US layouts
                case SDLK_KP_PLUS:
                    if (plain)
                        app.handle(Action::timelineZoomIn);
                    break;
                case SDLK_MINUS:
                case SDLK_KP_MINUS:
                    if (plain)
                        app.handle(Action::timelineZoomOut);
                    break;
                case SDLK_LEFTBRACKET:
                    if (plain)
                        app.handle(Action::timelinePanBack);
                    break;
                case SDLK_RIGHTBRACKET:
                    if (plain)
                        app.handle(Action::timelinePanForward);
                    break;
                case SDLK_0:
                case SDLK_KP_0:
                case SDLK_HOME:
                    if (!e.key.repeat && plain)
                        app.handle(Action::timelineWholeRun);
                    break;
                case SDLK_F11:
                    if (!e.key.repeat)
                        SDL_SetWindowFullscreen(
                            w.window, (SDL_GetWindowFlags(w.window) & SDL_WINDOW_FULLSCREEN_DESKTOP) ==
                                              SDL_WINDOW_FULLSCREEN_DESKTOP
                                          ? 0
                                          : SDL_WINDOW_FULLSCREEN_DESKTOP);
                    break;
                case SDLK_F12:
                    if (!e.key.repeat)
                        exportRequest = (mod & KMOD_SHIFT) != 0 ? 2 : 1;
                    break;
                default:
                    break;
                }
            }
            Uint64 now = SDL_GetPerformanceCounter();
            double dt = headless ? 1.0 / 60 : static_cast<double>(now - last) / SDL_GetPerformanceFrequency();
            last = now;

            io.FontDefault = app.largeFonts() ? fonts.large : fonts.normal;
            ImGui::GetStyle() = styles[app.largeFonts() ? 1 : 0][app.highContrast() ? 1 : 0];
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplSDL2_NewFrame();
            if (cfg.mouseX && cfg.mouseY)
                io.MousePos = ImVec2(*cfg.mouseX, *cfg.mouseY);
            if (scriptMouse) {
                io.MousePos = *scriptMouse;
                for (int b = 0; b < 3; b++)
                    io.MouseDown[b] = io.MouseDown[b] || scriptButtons[b];
            }
            if (cfg.exportRange && frame == scriptStart)
                startRangeExport(*cfg.exportRange);
            if (!rangeJob)
                if (std::optional<RangeExport> r = app.takeRangeExport())
                    startRangeExport(*r);
            if (rangeJob && !rangeJob->done())
                app.seekTo(rangeJob->ticks[rangeJob->next]);
            ImGui::NewFrame();
            const bool inMeasure = cfg.measureFrames > 0 && frame >= totalFrames - measured;
            const bool emptyFrame = inMeasure && (totalFrames - frame) % 2 == 0;
            if (emptyFrame) {
                // The baseline: one empty window over the whole display.
                ImGui::SetNextWindowPos(ImVec2(0, 0));
                ImGui::SetNextWindowSize(io.DisplaySize);
                ImGui::Begin("empty", nullptr,
                             ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
                ImGui::End();
            } else {
                app.frame(dt);
            }
            ImGui::Render();
            keysToImGui = ImGui::IsAnyItemActive();
            if (inMeasure)
                (emptyFrame ? emptyCounts : fullCounts) = countDraws(*ImGui::GetDrawData());

            glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
                       static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
            // The window colour: the fixed windows draw no background over it (app.cpp).
            const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
            glClearColor(bg.x, bg.y, bg.z, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

            if (inMeasure || !cfg.frameLog.empty()) {
                glFinish();
                double ms =
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                if (inMeasure)
                    (emptyFrame ? emptyMs : frameMs).push_back(ms);
                logMs.push_back(ms);
            }
            if (exportRequest != 0) {
                exportView(w.window, app, io, exportRequest == 2);
                exportRequest = 0;
            }
            if (rangeJob && !rangeJob->done()) {
                RangeExportJob& job = *rangeJob;
                if (job.sink->addFrame(readFramebuffer(w.window), job.error)) {
                    job.next++;
                    if (job.done() && job.sink->finish(job.error))
                        app.setStatus("Saved " + job.request.path + " (" + std::to_string(job.ticks.size()) +
                                      " frames)");
                }
                if (!job.error.empty()) {
                    std::fprintf(stderr, "gclab-gui: %s\n", job.error.c_str());
                    app.setStatus(job.error);
                    rangeExportFailed = true;
                }
            }
            if (rangeJob && rangeJob->done())
                rangeJob.reset();
            const bool lastFrame =
                totalFrames >= 0 && frame >= totalFrames - 1 && !app.seeking() && !app.inspectorBusy();
            if (lastFrame && !cfg.screenshot.empty() && !saveScreenshot(w.window, cfg.screenshot))
                rc = 1;
            SDL_GL_SwapWindow(w.window);
            if (frame == 0 && (cfg.measureFrames > 0 || !cfg.frameLog.empty()))
                std::printf(
                    "gclab-gui: first frame on screen %.1f ms after start\n",
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - cfg.started)
                        .count());
            if (!headless && !paced) {
                double spent =
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                if (spent < 16)
                    SDL_Delay(static_cast<Uint32>(16 - spent));
            }
        }
        if (headless && (rangeExportFailed || rangeJob))
            rc = 1;
        if (cfg.rememberSettings) {
            std::string err;
            if (const std::string path = guiSettingsPath();
                !path.empty() && !saveGuiSettings(path, app.guiSettings(), err))
                std::fprintf(stderr, "gclab-gui: %s\n", err.c_str());
        }
        if (!cfg.dumpLayout.empty() && !writeText(cfg.dumpLayout, formatHeapViewState(app.heapMap().state())))
            rc = 1;
        if (!cfg.dumpTimeline.empty() &&
            !writeText(cfg.dumpTimeline, formatTimelineState(app.timelineView().state()) +
                                             formatTimelineScale(app.timelineView().state()) +
                                             compareLanesText(app)))
            rc = 1;
        if (!cfg.dumpState.empty() && !writeText(cfg.dumpState, formatState(app)))
            rc = 1;
        if (!cfg.dumpAllocator.empty() &&
            !writeText(cfg.dumpAllocator, formatAllocatorLayoutInput(app.allocatorLayout())))
            rc = 1;
        if (!frameMs.empty() && !emptyMs.empty()) {
            std::sort(frameMs.begin(), frameMs.end());
            std::sort(emptyMs.begin(), emptyMs.end());
            const double full = frameMs[frameMs.size() / 2], empty = emptyMs[emptyMs.size() / 2];
            std::printf(
                "gclab-gui: %zu frames at %dx%d, tick %llu: median %.1f ms/frame (min %.1f, max %.1f); "
                "empty ImGui frame median %.1f ms (min %.1f); ratio %.2f\n",
                frameMs.size(), cfg.width, cfg.height, static_cast<unsigned long long>(app.session().tick()),
                full, frameMs.front(), frameMs.back(), empty, emptyMs.front(), full / empty);
            std::printf(
                "gclab-gui: last frame %d vertices in %d draw calls; empty frame %d vertices in %d draw "
                "calls\n",
                fullCounts.vertices, fullCounts.drawCalls, emptyCounts.vertices, emptyCounts.drawCalls);
        }
        if (!cfg.frameLog.empty()) {
            std::string text;
            for (double ms : logMs)
                text += std::to_string(ms) + "\n";
            if (!writeText(cfg.frameLog, text))
                rc = 1;
        }
        if (app.error()) {
            std::fprintf(stderr, "gclab-gui: the model stopped: %s\n", app.error()->c_str());
            rc = 1;
        }
    }
    return rc;
}

} // namespace gclab::render
