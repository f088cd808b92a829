// gclab — a minimal protocol-buffers encoder (proto3 wire format: varints and length-delimited fields),
// enough to write profile.proto for --pprof.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gclab::cli {

class ProtobufWriter {
  public:
    void uint64Field(std::uint32_t field, std::uint64_t v) {
        tag(field, 0);
        varint(v);
    }
    void int64Field(std::uint32_t field, std::int64_t v) {
        uint64Field(field, static_cast<std::uint64_t>(v));
    }
    void boolField(std::uint32_t field, bool v) { uint64Field(field, v ? 1 : 0); }
    void bytesField(std::uint32_t field, std::string_view bytes) {
        tag(field, 2);
        varint(bytes.size());
        buf_.append(bytes);
    }
    void messageField(std::uint32_t field, const ProtobufWriter& m) { bytesField(field, m.buf_); }
    // packedField writes repeated integers in the packed encoding (one length-delimited field).
    template <typename Int>
    void packedField(std::uint32_t field, const std::vector<Int>& values) {
        ProtobufWriter p;
        for (Int v : values)
            p.varint(static_cast<std::uint64_t>(v));
        bytesField(field, p.buf_);
    }

    const std::string& bytes() const { return buf_; }

  private:
    void tag(std::uint32_t field, std::uint32_t wireType) { varint((std::uint64_t{field} << 3) | wireType); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            buf_.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        buf_.push_back(static_cast<char>(v));
    }

    std::string buf_;
};

} // namespace gclab::cli
