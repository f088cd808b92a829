// Index of this file:
// [SECTION] setup (SDL, GL, ImGui, fonts, styles)
// [SECTION] screenshot
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
// [SECTION] frame loop
//-----------------------------------------------------------------------------

int runGui(const GuiConfig& cfg, const AppOptions& appOptions) {
    const bool headless = !cfg.screenshot.empty() || cfg.measureFrames > 0;
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

    int rc = 0;
    {
        App app(appOptions); // owns GL textures: destroyed before the context
        const int warmup = cfg.measureFrames > 0 ? 5 : 0;
        const int totalFrames = headless ? std::max(cfg.frames, 2) + warmup + cfg.measureFrames : -1;
        std::vector<double> frameMs;
        Uint64 last = SDL_GetPerformanceCounter();
        bool running = true;
        for (int frame = 0; running && (totalFrames < 0 || frame < totalFrames); frame++) {
            auto t0 = std::chrono::steady_clock::now();
            SDL_Event e;
            while (SDL_PollEvent(&e)) {
                ImGui_ImplSDL2_ProcessEvent(&e);
                if (e.type == SDL_QUIT ||
                    (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
                     e.window.windowID == SDL_GetWindowID(w.window)))
                    running = false;
                if (e.type != SDL_KEYDOWN || io.WantCaptureKeyboard)
                    continue;
                bool plain = (e.key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) == 0;
                switch (e.key.keysym.sym) {
                case SDLK_SPACE:
                    if (!e.key.repeat)
                        app.handle(Command::togglePlay);
                    break;
                case SDLK_RIGHT:
                    app.handle(Command::step);
                    break;
                case SDLK_r:
                    if (!e.key.repeat && plain)
                        app.handle(Command::restart);
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
            ImGui::NewFrame();
            app.frame(dt);
            ImGui::Render();

            glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
                       static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
            glClearColor(0.06f, 0.06f, 0.07f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

            if (cfg.measureFrames > 0 && frame >= totalFrames - cfg.measureFrames) {
                glFinish();
                frameMs.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            }
            const bool lastFrame = totalFrames >= 0 && frame == totalFrames - 1;
            if (lastFrame && !cfg.screenshot.empty() && !saveScreenshot(w.window, cfg.screenshot))
                rc = 1;
            SDL_GL_SwapWindow(w.window);
            if (!headless && !paced) {
                double spent =
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                if (spent < 16)
                    SDL_Delay(static_cast<Uint32>(16 - spent));
            }
        }
        if (!cfg.dumpLayout.empty() && !writeText(cfg.dumpLayout, formatHeapViewState(app.heapMap().state())))
            rc = 1;
        if (!frameMs.empty()) {
            std::sort(frameMs.begin(), frameMs.end());
            std::printf(
                "gclab-gui: %zu frames at %dx%d, step %llu: median %.1f ms/frame (min %.1f, max %.1f)\n",
                frameMs.size(), cfg.width, cfg.height, static_cast<unsigned long long>(app.stepsDone()),
                frameMs[frameMs.size() / 2], frameMs.front(), frameMs.back());
        }
        if (app.error()) {
            std::fprintf(stderr, "gclab-gui: the model stopped: %s\n", app.error()->c_str());
            rc = 1;
        }
    }
    return rc;
}

} // namespace gclab::render
