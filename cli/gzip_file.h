// gclab — gzip compression (zlib) for exports that are gzipped, like pprof's profile.proto.
#pragma once

#include <string>
#include <string_view>

namespace gclab::cli {

// gzip returns data in the gzip format (RFC 1952) with a zero timestamp, so equal input gives equal
// bytes. Throws std::runtime_error if zlib fails.
std::string gzip(std::string_view data);

} // namespace gclab::cli
