// gclab-gui — an RGBA8 OpenGL texture that ImGui can draw (ImGui::Image / ImDrawList::AddImage).
//
// The heap map draws its page grid and its slot detail through textures rather than one rectangle per
// cell (toolchain.md §5: a million rectangles cost ~450 ms a frame on llvmpipe, a texture ~25 ms).
// Needs a current GL context for upload and destruction.
#pragma once

#include <cstdint>

namespace gclab::render {

class GlTexture {
  public:
    GlTexture() = default;
    ~GlTexture();
    GlTexture(const GlTexture&) = delete;
    GlTexture& operator=(const GlTexture&) = delete;

    // upload replaces the whole texture with width × height pixels, rows top first, each pixel packed as
    // Rgba::abgr(). Magnification samples the nearest texel (crisp cells); with mipmaps, minification
    // averages (cells smaller than a pixel fold into their neighbours instead of flickering).
    void upload(int width, int height, const std::uint32_t* pixels, bool mipmaps);

    void* imguiId() const { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(id_)); }
    int width() const { return width_; }
    int height() const { return height_; }
    bool valid() const { return id_ != 0; }

  private:
    unsigned id_ = 0;
    int width_ = 0;
    int height_ = 0;
};

// maxTextureSize is GL_MAX_TEXTURE_SIZE of the current context.
int maxTextureSize();

} // namespace gclab::render
