// gclab_gif_check — decodes an animated GIF written by gclab-gui --export-gif (giflib DGifOpen) and
// asserts its shape: gclab_gif_check FILE FRAMES WIDTH HEIGHT
//   the file has exactly FRAMES images of WIDTH × HEIGHT, each covering the whole screen, and every
//   frame differs from the one before it (each shows a later tick: at least the tick counter changed).
// Exit status: 0 pass, 1 fail (reasons on stderr), 2 usage.
#include <gif_lib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: gclab_gif_check FILE FRAMES WIDTH HEIGHT\n");
        return 2;
    }
    const int frames = std::atoi(argv[2]), w = std::atoi(argv[3]), h = std::atoi(argv[4]);
    int err = 0;
    GifFileType* gif = DGifOpenFileName(argv[1], &err);
    if (gif == nullptr) {
        std::fprintf(stderr, "gclab_gif_check: cannot open %s: %s\n", argv[1], GifErrorString(err));
        return 1;
    }
    int rc = 0;
    if (DGifSlurp(gif) != GIF_OK) {
        std::fprintf(stderr, "gclab_gif_check: cannot decode %s: %s\n", argv[1], GifErrorString(gif->Error));
        rc = 1;
    } else {
        if (gif->SWidth != w || gif->SHeight != h) {
            std::fprintf(stderr, "gclab_gif_check: size %dx%d, expected %dx%d\n", gif->SWidth, gif->SHeight,
                         w, h);
            rc = 1;
        }
        if (gif->ImageCount != frames) {
            std::fprintf(stderr, "gclab_gif_check: %d frames, expected %d\n", gif->ImageCount, frames);
            rc = 1;
        }
        if (gif->SColorMap == nullptr || gif->SColorMap->ColorCount != 256) {
            std::fprintf(stderr, "gclab_gif_check: expected a global 256-colour palette\n");
            rc = 1;
        }
        for (int i = 0; i < gif->ImageCount; i++) {
            const GifImageDesc& d = gif->SavedImages[i].ImageDesc;
            if (d.Left != 0 || d.Top != 0 || d.Width != gif->SWidth || d.Height != gif->SHeight) {
                std::fprintf(stderr, "gclab_gif_check: frame %d does not cover the screen\n", i);
                rc = 1;
                continue;
            }
            if (i > 0 && std::memcmp(gif->SavedImages[i].RasterBits, gif->SavedImages[i - 1].RasterBits,
                                     static_cast<std::size_t>(d.Width) * d.Height) == 0) {
                std::fprintf(stderr, "gclab_gif_check: frame %d is the same as frame %d\n", i, i - 1);
                rc = 1;
            }
        }
    }
    DGifCloseFile(gif, &err);
    return rc;
}
