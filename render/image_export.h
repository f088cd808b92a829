// gclab-gui — writing what the window shows: PNG screenshots (F12) and animated GIFs of a tick range
// (giflib, quantised to the fixed palette of render/gif_palette.h). Every file is written under a
// temporary name next to it and renamed into place, so a failed export leaves nothing half-written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gclab::render {

// RgbImage is packed 8-bit RGB, top row first.
struct RgbImage {
    int w = 0, h = 0;
    std::vector<std::uint8_t> px;
};

// crop returns the part of img inside [x0, x1) × [y0, y1), clamped to the image.
RgbImage crop(const RgbImage& img, int x0, int y0, int x1, int y1);

// writePngAtomic writes img to path; on failure returns false with a message in err.
bool writePngAtomic(const std::string& path, const RgbImage& img, std::string& err);

// GifWriter writes an animated GIF frame by frame; finish() renames it into place. Destroying an
// unfinished writer removes the temporary file.
class GifWriter {
  public:
    GifWriter();
    ~GifWriter();
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;

    // open starts path (frames of w × h pixels, delayCs hundredths of a second each).
    bool open(const std::string& path, int w, int h, int delayCs, std::string& err);
    // addFrame appends img, cropped or padded to the GIF's size.
    bool addFrame(const RgbImage& img, std::string& err);
    bool finish(std::string& err);
    int frames() const { return frames_; }

  private:
    void abandon();

    struct State;
    std::unique_ptr<State> st_;
    std::string path_, temp_;
    int w_ = 0, h_ = 0, delayCs_ = 10, frames_ = 0;
};

} // namespace gclab::render
