// Index of this file:
// [SECTION] setup (SDL, GL, ImGui, fonts, styles)
// [SECTION] screenshot
// [SECTION] scripted input
// [SECTION] frame loop
#include "render/platform_sdl.h"

#include <SDL.h>
#include <glad/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <stb_image_write.h>

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

ImGuiStyle makeStyle(float scale) {
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

// saveScreenshot reads the back buffer (call after rendering, before the swap) and writes it as an
// opaque RGB PNG, top row first.
bool saveScreenshot(SDL_Window* window, const std::string& path) {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window, &w, &h);
    std::vector<unsigned char> rgba(static_cast<std::size_t>(w) * h * 4);
    glFinish();
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
    for (std::size_t i = 0, n = static_cast<std::size_t>(w) * h; i < n; i++)
        std::copy_n(&rgba[i * 4], 3, &rgb[i * 3]);
    stbi_flip_vertically_on_write(1); // GL's rows start at the bottom
    if (stbi_write_png(path.c_str(), w, h, 3, rgb.data(), w * 3) == 0) {
        std::fprintf(stderr, "gclab-gui: cannot write %s\n", path.c_str());
        return false;
    }
    return true;
}

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

// ScriptFrame is what one frame of a --keys script pushes: a key press, a pointer move, a button.
struct ScriptFrame {
    enum class Kind : std::uint8_t { none, key, move, down, up };
    Kind kind = Kind::none;
    SDL_Keycode key = 0;
    Uint16 mod = KMOD_NONE;
    float x = 0, y = 0;
    std::optional<float> gogcFraction; // move: to this fraction of the GOGC slider (resolved per frame)
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
    const std::size_t colon = t.find(':');
    const std::string head = t.substr(0, colon);
    std::vector<float> n;
    if (colon != std::string::npos && !parseNumbers(t.substr(colon + 1), n))
        return false;
    if (head == "space" || head == "right" || head == "left" || head == "r") {
        if (colon != std::string::npos)
            return false;
        SDL_Keycode k = head == "space"   ? SDLK_SPACE
                        : head == "right" ? SDLK_RIGHT
                        : head == "left"  ? SDLK_LEFT
                                          : SDLK_r;
        out.push_back(ScriptFrame{K::key, k, mod, 0, 0, std::nullopt});
        return true;
    }
    if (mod != KMOD_NONE)
        return false;
    if (head == "wait" && colon == std::string::npos) {
        out.push_back(ScriptFrame{});
        return true;
    }
    if (head == "click" && n.size() == 2) {
        out.push_back(ScriptFrame{K::move, 0, 0, n[0], n[1], std::nullopt});
        out.push_back(ScriptFrame{K::down, 0, 0, n[0], n[1], std::nullopt});
        out.push_back(ScriptFrame{K::up, 0, 0, n[0], n[1], std::nullopt});
        return true;
    }
    if (head == "drag" && n.size() == 4) {
        out.push_back(ScriptFrame{K::move, 0, 0, n[0], n[1], std::nullopt});
        out.push_back(ScriptFrame{K::down, 0, 0, n[0], n[1], std::nullopt});
        out.push_back(ScriptFrame{K::move, 0, 0, n[2], n[3], std::nullopt});
        out.push_back(ScriptFrame{K::up, 0, 0, n[2], n[3], std::nullopt});
        return true;
    }
    if (head == "gogc" && n.size() == 1 && n[0] >= 0 && n[0] <= 1) {
        out.push_back(ScriptFrame{K::move, 0, 0, 0, 0, n[0]});
        out.push_back(ScriptFrame{K::down, 0, 0, 0, 0, n[0]});
        out.push_back(ScriptFrame{K::up, 0, 0, 0, 0, n[0]});
        return true;
    }
    return false;
}

// pushScriptFrame posts the frame's SDL events; the frame loop reads them like any other input.
void pushScriptFrame(const ScriptFrame& f, const App& app, SDL_Window* window) {
    using K = ScriptFrame::Kind;
    float x = f.x, y = f.y;
    if (f.gogcFraction) {
        const Rect& r = app.gogcSliderRect();
        // Inside the slider's frame: the grab's half-width is kept clear at both ends by ImGui.
        const double pad = r.height() / 2;
        x = static_cast<float>(r.x0 + pad + *f.gogcFraction * (r.width() - 2 * pad));
        y = static_cast<float>((r.y0 + r.y1) / 2);
    }
    SDL_Event e{};
    const Uint32 id = SDL_GetWindowID(window);
    switch (f.kind) {
    case K::none:
        return;
    case K::key:
        SDL_SetModState(static_cast<SDL_Keymod>(f.mod));
        e.type = SDL_KEYDOWN;
        e.key.windowID = id;
        e.key.state = SDL_PRESSED;
        e.key.keysym.sym = f.key;
        e.key.keysym.scancode = SDL_GetScancodeFromKey(f.key);
        e.key.keysym.mod = f.mod;
        SDL_PushEvent(&e);
        e.type = SDL_KEYUP;
        e.key.state = SDL_RELEASED;
        SDL_PushEvent(&e);
        return;
    case K::move:
        e.type = SDL_MOUSEMOTION;
        e.motion.windowID = id;
        e.motion.x = static_cast<Sint32>(x);
        e.motion.y = static_cast<Sint32>(y);
        SDL_PushEvent(&e);
        return;
    case K::down:
    case K::up:
        e.type = f.kind == K::down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        e.button.windowID = id;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = f.kind == K::down ? SDL_PRESSED : SDL_RELEASED;
        e.button.x = static_cast<Sint32>(x);
        e.button.y = static_cast<Sint32>(y);
        SDL_PushEvent(&e);
        return;
    }
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
    char buf[256];
    std::snprintf(buf, sizeof buf, "tick %llu\nhash %016llx\ngogc %d\nbarrier %s\nplaying %d\nforked %d\n",
                  static_cast<unsigned long long>(rt.tick),
                  static_cast<unsigned long long>(rt.stateHash() ^ rt.eventHash.h), rt.gcController.gcPercent,
                  std::string(barrierModeName(rt.barrier)).c_str(), app.playing() ? 1 : 0,
                  app.session().original() != nullptr ? 1 : 0);
    return buf;
}

} // namespace

std::string checkScript(const std::vector<std::string>& script) {
    std::vector<ScriptFrame> frames;
    for (const std::string& t : script)
        if (!expandToken(t, frames))
            return "--keys: expected space, right, left or r (optionally shift+, ctrl+ or alt+), wait, "
                   "click:X:Y, drag:X1:Y1:X2:Y2 or gogc:FRACTION, got '" +
                   t + "'";
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] frame loop
//-----------------------------------------------------------------------------

int runGui(const GuiConfig& cfg, const AppOptions& appOptions) {
    const bool headless = !cfg.screenshot.empty() || cfg.measureFrames > 0 || cfg.measureSeeks > 0;
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
    const ImGuiStyle normalStyle = makeStyle(1);
    const ImGuiStyle largeStyle = makeStyle(largeFontPx / normalFontPx);
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
        const int warmup = cfg.measureFrames > 0 ? 5 : 0;
        const int scriptFrames = static_cast<int>(script.size());
        // Measured frames alternate between the window and an empty ImGui frame, one blank window over the
        // display (same run, same warmth).
        const int measured = 2 * cfg.measureFrames;
        const int totalFrames =
            headless ? std::max(cfg.frames, scriptStart + 1) + scriptFrames + warmup + measured : -1;
        std::vector<double> emptyMs, logMs;
        DrawCounts fullCounts, emptyCounts;
        std::optional<ImVec2> scriptMouse;
        bool scriptButton = false;
        std::vector<double> frameMs;
        Uint64 last = SDL_GetPerformanceCounter();
        bool running = true;
        for (int frame = 0; running && (totalFrames < 0 || frame < totalFrames); frame++) {
            auto t0 = std::chrono::steady_clock::now();
            if (frame >= scriptStart && frame - scriptStart < scriptFrames)
                pushScriptFrame(script[static_cast<std::size_t>(frame - scriptStart)], app, w.window);
            SDL_Event e;
            while (SDL_PollEvent(&e)) {
                ImGui_ImplSDL2_ProcessEvent(&e);
                // Scripted pointer input: the offscreen driver has no pointer for the backend to poll.
                if (!script.empty() && e.type == SDL_MOUSEMOTION)
                    scriptMouse = ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y));
                if (!script.empty() && (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP))
                    scriptButton = e.type == SDL_MOUSEBUTTONDOWN;
                if (e.type == SDL_QUIT ||
                    (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
                     e.window.windowID == SDL_GetWindowID(w.window)))
                    running = false;
                if (e.type != SDL_KEYDOWN || io.WantCaptureKeyboard)
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
                default:
                    break;
                }
            }
            Uint64 now = SDL_GetPerformanceCounter();
            double dt = headless ? 1.0 / 60 : static_cast<double>(now - last) / SDL_GetPerformanceFrequency();
            last = now;

            io.FontDefault = app.largeFonts() ? fonts.large : fonts.normal;
            ImGui::GetStyle() = app.largeFonts() ? largeStyle : normalStyle;
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplSDL2_NewFrame();
            if (cfg.mouseX && cfg.mouseY)
                io.MousePos = ImVec2(*cfg.mouseX, *cfg.mouseY);
            if (scriptMouse) {
                io.MousePos = *scriptMouse;
                io.MouseDown[0] = io.MouseDown[0] || scriptButton;
            }
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
            const bool lastFrame = totalFrames >= 0 && frame == totalFrames - 1;
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
        if (!cfg.dumpLayout.empty() && !writeText(cfg.dumpLayout, formatHeapViewState(app.heapMap().state())))
            rc = 1;
        if (!cfg.dumpTimeline.empty() &&
            !writeText(cfg.dumpTimeline, formatTimelineState(app.timelineView().state())))
            rc = 1;
        if (!cfg.dumpState.empty() && !writeText(cfg.dumpState, formatState(app)))
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
