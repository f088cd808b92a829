// gclab-gui — writing what the window shows: PNG screenshots (F12), and a tick range as an animated GIF
// (giflib, quantised to the fixed palette of render/gif_palette.h) or as a sequence of PNG frames. Every
// file is written under a temporary name next to it and renamed into place, so a failed export leaves
// nothing half-written.
#pragma once

#include "render/export_plan.h"

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

// FrameSink receives the frames of a tick range one by one and writes them; finish() completes the
// export. Destroying an unfinished sink removes what it wrote, so a failed export leaves nothing behind.
class FrameSink {
  public:
    virtual ~FrameSink() = default;
    // addFrame writes img; the first frame sets the size (later ones are cropped or padded to it).
    virtual bool addFrame(const RgbImage& img, std::string& err) = 0;
    virtual bool finish(std::string& err) = 0;
};

// makeFrameSink returns the sink for format writing to path: the GIF file (10 frames a second) or the
// directory of PNG frames (created if it does not exist; its parent must).
std::unique_ptr<FrameSink> makeFrameSink(ExportFormat format, const std::string& path);

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
