#include "render/image_export.h"

#include "render/gif_palette.h"

#include <fcntl.h>
#include <gif_lib.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace gclab::render {

namespace {

std::string tempName(const std::string& path) { return path + ".part"; }

std::string gifError(int code) {
    const char* s = GifErrorString(code);
    return s != nullptr ? s : "GIF error " + std::to_string(code);
}

bool renameInto(const std::string& temp, const std::string& path, std::string& err) {
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::remove(temp.c_str());
        err = "cannot write " + path;
        return false;
    }
    return true;
}

// GifSink writes the frames as an animated GIF the size of the first frame, 10 frames a second.
class GifSink final : public FrameSink {
  public:
    explicit GifSink(std::string path) : path_(std::move(path)) {}
    bool addFrame(const RgbImage& img, std::string& err) override {
        if (writer_.frames() == 0 && !writer_.open(path_, img.w, img.h, 10, err))
            return false;
        return writer_.addFrame(img, err);
    }
    bool finish(std::string& err) override { return writer_.finish(err); }

  private:
    std::string path_;
    GifWriter writer_;
};

// PngFramesSink writes frame-00000.png, frame-00001.png, ... into a directory, each the size of the
// first frame (cropped, or padded with black).
class PngFramesSink final : public FrameSink {
  public:
    explicit PngFramesSink(std::string dir) : dir_(std::move(dir)) {}
    ~PngFramesSink() override {
        if (finished_)
            return;
        std::error_code ec;
        for (const std::filesystem::path& f : written_)
            std::filesystem::remove(f, ec);
        if (createdDir_)
            std::filesystem::remove(dir_, ec);
    }
    PngFramesSink(const PngFramesSink&) = delete;
    PngFramesSink& operator=(const PngFramesSink&) = delete;

    bool addFrame(const RgbImage& img, std::string& err) override {
        if (written_.empty()) {
            std::error_code ec;
            if (!std::filesystem::is_directory(dir_, ec)) {
                if (!std::filesystem::create_directory(dir_, ec) || ec) {
                    err = "cannot create the directory " + dir_.string() + ": " + ec.message();
                    return false;
                }
                createdDir_ = true;
            }
            w_ = img.w;
            h_ = img.h;
        }
        RgbImage sized{w_, h_, std::vector<std::uint8_t>(static_cast<std::size_t>(w_) * h_ * 3, 0)};
        const RgbImage part = crop(img, 0, 0, w_, h_);
        for (int y = 0; y < part.h; y++)
            std::copy_n(&part.px[static_cast<std::size_t>(y) * part.w * 3],
                        static_cast<std::size_t>(part.w) * 3,
                        &sized.px[static_cast<std::size_t>(y) * w_ * 3]);
        const std::filesystem::path file = dir_ / frameFileName(written_.size());
        if (!writePngAtomic(file.string(), sized, err))
            return false;
        written_.push_back(file);
        return true;
    }
    bool finish(std::string& err) override {
        if (written_.empty()) {
            err = "no frames written to " + dir_.string();
            return false;
        }
        finished_ = true;
        return true;
    }

  private:
    std::filesystem::path dir_;
    std::vector<std::filesystem::path> written_;
    int w_ = 0, h_ = 0;
    bool createdDir_ = false, finished_ = false;
};

} // namespace

std::unique_ptr<FrameSink> makeFrameSink(ExportFormat format, const std::string& path) {
    if (format == ExportFormat::pngFrames)
        return std::make_unique<PngFramesSink>(path);
    return std::make_unique<GifSink>(path);
}

RgbImage crop(const RgbImage& img, int x0, int y0, int x1, int y1) {
    x0 = std::clamp(x0, 0, img.w);
    x1 = std::clamp(x1, x0, img.w);
    y0 = std::clamp(y0, 0, img.h);
    y1 = std::clamp(y1, y0, img.h);
    RgbImage out{x1 - x0, y1 - y0, {}};
    out.px.resize(static_cast<std::size_t>(out.w) * out.h * 3);
    for (int y = 0; y < out.h; y++)
        std::copy_n(&img.px[(static_cast<std::size_t>(y + y0) * img.w + x0) * 3],
                    static_cast<std::size_t>(out.w) * 3, &out.px[static_cast<std::size_t>(y) * out.w * 3]);
    return out;
}

bool writePngAtomic(const std::string& path, const RgbImage& img, std::string& err) {
    const std::string temp = tempName(path);
    if (img.w <= 0 || img.h <= 0 ||
        stbi_write_png(temp.c_str(), img.w, img.h, 3, img.px.data(), img.w * 3) == 0) {
        std::remove(temp.c_str());
        err = "cannot write " + path;
        return false;
    }
    return renameInto(temp, path, err);
}

struct GifWriter::State {
    GifFileType* gif = nullptr;
};

GifWriter::GifWriter() : st_(std::make_unique<State>()) {}

GifWriter::~GifWriter() { abandon(); }

void GifWriter::abandon() {
    if (st_->gif == nullptr)
        return;
    int code = 0;
    EGifCloseFile(st_->gif, &code);
    st_->gif = nullptr;
    std::remove(temp_.c_str());
}

bool GifWriter::open(const std::string& path, int w, int h, int delayCs, std::string& err) {
    abandon();
    path_ = path;
    temp_ = tempName(path);
    w_ = w;
    h_ = h;
    delayCs_ = delayCs;
    frames_ = 0;
    int code = 0;
    // Not EGifOpenFileName: it creates the file readable by its owner only.
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        err = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    st_->gif = EGifOpenFileHandle(fd, &code);
    if (st_->gif == nullptr) {
        ::close(fd);
        std::remove(temp_.c_str());
        err = "cannot write " + path + ": " + gifError(code);
        return false;
    }
    EGifSetGifVersion(st_->gif, true);
    std::vector<GifColorType> colours;
    for (const PaletteRgb& c : gifPalette())
        colours.push_back(GifColorType{c.r, c.g, c.b});
    ColorMapObject* map = GifMakeMapObject(256, colours.data());
    const bool ok = map != nullptr && EGifPutScreenDesc(st_->gif, w, h, 8, 0, map) == GIF_OK;
    GifFreeMapObject(map);
    // NETSCAPE2.0: loop forever.
    static const GifByteType netscape[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    static const GifByteType loop[] = {1, 0, 0};
    if (!ok || EGifPutExtensionLeader(st_->gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(st_->gif, sizeof netscape, netscape) != GIF_OK ||
        EGifPutExtensionBlock(st_->gif, sizeof loop, loop) != GIF_OK ||
        EGifPutExtensionTrailer(st_->gif) != GIF_OK) {
        err = "cannot write " + path + ": " + gifError(st_->gif->Error);
        abandon();
        return false;
    }
    return true;
}

bool GifWriter::addFrame(const RgbImage& img, std::string& err) {
    if (st_->gif == nullptr) {
        err = "no GIF open";
        return false;
    }
    RgbImage sized = crop(img, 0, 0, w_, h_);
    std::vector<std::uint8_t> idx = quantiseRgb(sized.px);
    const GifByteType control[] = {0, static_cast<GifByteType>(delayCs_ & 0xff),
                                   static_cast<GifByteType>(delayCs_ >> 8), 0};
    bool ok = EGifPutExtension(st_->gif, GRAPHICS_EXT_FUNC_CODE, sizeof control, control) == GIF_OK &&
              EGifPutImageDesc(st_->gif, 0, 0, w_, h_, false, nullptr) == GIF_OK;
    std::vector<GifPixelType> line(static_cast<std::size_t>(w_), 0);
    for (int y = 0; ok && y < h_; y++) {
        // A frame smaller than the GIF (a shrunk window) is padded with colour 0.
        std::fill(line.begin(), line.end(), GifPixelType{0});
        if (y < sized.h)
            std::copy_n(&idx[static_cast<std::size_t>(y) * sized.w], sized.w, line.begin());
        ok = EGifPutLine(st_->gif, line.data(), w_) == GIF_OK;
    }
    if (!ok) {
        err = "cannot write " + path_ + ": " + gifError(st_->gif->Error);
        abandon();
        return false;
    }
    frames_++;
    return true;
}

bool GifWriter::finish(std::string& err) {
    if (st_->gif == nullptr) {
        err = "no GIF open";
        return false;
    }
    int code = 0;
    const int rc = EGifCloseFile(st_->gif, &code);
    st_->gif = nullptr;
    if (rc != GIF_OK) {
        std::remove(temp_.c_str());
        err = "cannot write " + path_ + ": " + gifError(code);
        return false;
    }
    return renameInto(temp_, path_, err);
}

} // namespace gclab::render
