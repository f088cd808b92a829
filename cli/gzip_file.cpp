#include "cli/gzip_file.h"

#include <zlib.h>

#include <stdexcept>

namespace gclab::cli {

std::string gzip(std::string_view data) {
    z_stream zs{};
    constexpr int gzipWindowBits = 15 + 16; // 15: a 32 KiB window; +16: the gzip wrapper
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("zlib: deflate failed");
    return out;
}

} // namespace gclab::cli
