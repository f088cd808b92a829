#include "sim/recording_file.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace gclab {

std::uint32_t crc32(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; i++) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xedb88320U ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xffffffffU;
    for (unsigned char b : bytes)
        c = table[(c ^ b) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffU;
}

namespace {

constexpr std::string_view magic = "GCLABREC";

void putU32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; i++)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void putU64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; i++)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void putString(std::string& out, const std::string& s) {
    putU32(out, static_cast<std::uint32_t>(s.size()));
    out += s;
}

class Reader {
  public:
    explicit Reader(std::string_view b) : b_(b) {}
    bool u8(std::uint8_t& v, const char* what) {
        if (!need(1, what))
            return false;
        v = static_cast<std::uint8_t>(b_[pos_++]);
        return true;
    }
    bool u32(std::uint32_t& v, const char* what) {
        if (!need(4, what))
            return false;
        v = 0;
        for (int i = 0; i < 4; i++)
            v |= std::uint32_t{static_cast<std::uint8_t>(b_[pos_++])} << (8 * i);
        return true;
    }
    bool u64(std::uint64_t& v, const char* what) {
        if (!need(8, what))
            return false;
        v = 0;
        for (int i = 0; i < 8; i++)
            v |= std::uint64_t{static_cast<std::uint8_t>(b_[pos_++])} << (8 * i);
        return true;
    }
    bool str(std::string& v, const char* what) {
        std::uint32_t n;
        if (!u32(n, what) || !need(n, what))
            return false;
        v.assign(b_.substr(pos_, n));
        pos_ += n;
        return true;
    }
    // count reads an element count and checks that that many elements of minSize bytes can fit.
    bool count(std::uint32_t& n, std::size_t minSize, const char* what) {
        std::size_t at = pos_;
        if (!u32(n, what))
            return false;
        if (std::size_t{n} * minSize > b_.size() - pos_)
            return fail(at, std::string(what) + " count " + std::to_string(n) + " exceeds the file");
        return true;
    }
    void skip(std::size_t n) { pos_ += std::min(n, b_.size() - pos_); }
    bool fail(std::size_t at, const std::string& msg) {
        error_ = "byte " + std::to_string(at) + ": " + msg;
        return false;
    }
    std::size_t pos() const { return pos_; }
    const std::string& error() const { return error_; }

  private:
    bool need(std::size_t n, const char* what) {
        if (b_.size() - pos_ < n)
            return fail(pos_, std::string("file ends inside ") + what + " (truncated?)");
        return true;
    }
    std::string_view b_;
    std::size_t pos_ = 0;
    std::string error_;
};

} // namespace

std::string encodeRecording(const RecordingFile& r) {
    std::string out(magic);
    putU32(out, recordingVersion);
    putU32(out, static_cast<std::uint32_t>(r.meta.size()));
    for (const auto& [k, v] : r.meta) {
        putString(out, k);
        putString(out, v);
    }
    putU32(out, static_cast<std::uint32_t>(r.commands.size()));
    for (const Command& c : r.commands) {
        putU64(out, c.tick);
        out.push_back(static_cast<char>(c.kind));
        putU64(out, static_cast<std::uint64_t>(c.value));
    }
    putU32(out, static_cast<std::uint32_t>(r.hashes.size()));
    for (const auto& [t, h] : r.hashes) {
        putU64(out, t);
        putU64(out, h);
    }
    putU64(out, r.endTick);
    putU32(out, crc32(out));
    return out;
}

bool decodeRecording(std::string_view bytes, RecordingFile& out, std::string& error) {
    if (bytes.substr(0, magic.size()) != magic) {
        error = "byte 0: expected the magic \"GCLABREC\" (not a gclab recording)";
        return false;
    }
    if (bytes.size() < magic.size() + 4 + 4) {
        error = "byte " + std::to_string(bytes.size()) + ": file ends inside the header (truncated?)";
        return false;
    }
    std::string_view body = bytes.substr(0, bytes.size() - 4);
    Reader crcReader(bytes.substr(bytes.size() - 4));
    std::uint32_t stored = 0;
    crcReader.u32(stored, "the checksum");
    Reader rd(body);
    rd.skip(magic.size());
    std::uint32_t version = 0;
    rd.u32(version, "the version");
    if (version != recordingVersion) {
        error = "byte 8: expected version " + std::to_string(recordingVersion) + ", found " +
                std::to_string(version);
        return false;
    }
    if (crc32(body) != stored) {
        error =
            "byte " + std::to_string(body.size()) + ": checksum mismatch (the file is corrupt or truncated)";
        return false;
    }
    RecordingFile r;
    auto failed = [&] {
        error = rd.error();
        return false;
    };
    std::uint32_t n = 0;
    if (!rd.count(n, 8, "metadata"))
        return failed();
    for (std::uint32_t i = 0; i < n; i++) {
        std::string k, v;
        if (!rd.str(k, "a metadata key") || !rd.str(v, "a metadata value"))
            return failed();
        r.meta[k] = v;
    }
    if (!rd.count(n, 17, "command"))
        return failed();
    for (std::uint32_t i = 0; i < n; i++) {
        Command c;
        std::uint8_t kind;
        std::uint64_t value;
        std::size_t at = rd.pos();
        if (!rd.u64(c.tick, "a command tick") || !rd.u8(kind, "a command kind") ||
            !rd.u64(value, "a command value"))
            return failed();
        if (kind > static_cast<std::uint8_t>(CommandKind::setMemoryLimit)) {
            rd.fail(at + 8, "unknown command kind " + std::to_string(kind));
            return failed();
        }
        c.kind = static_cast<CommandKind>(kind);
        c.value = static_cast<std::int64_t>(value);
        r.commands.push_back(c);
    }
    if (!rd.count(n, 16, "hash"))
        return failed();
    for (std::uint32_t i = 0; i < n; i++) {
        std::uint64_t t, h;
        if (!rd.u64(t, "a hash tick") || !rd.u64(h, "a hash"))
            return failed();
        r.hashes[t] = h;
    }
    if (!rd.u64(r.endTick, "the end tick"))
        return failed();
    if (rd.pos() != body.size()) {
        rd.fail(rd.pos(), "unexpected bytes after the end tick");
        return failed();
    }
    out = std::move(r);
    return true;
}

bool saveRecording(const std::string& path, const RecordingFile& r, std::string& error) {
    std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        std::string bytes = encodeRecording(r);
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        f.close();
        if (!f) {
            std::remove(tmp.c_str());
            error = path + ": cannot write";
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        error = path + ": cannot write";
        return false;
    }
    return true;
}

bool loadRecording(const std::string& path, RecordingFile& out, std::string& error) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        error = path + ": cannot read";
        return false;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    std::string bytes = ss.str();
    if (!decodeRecording(bytes, out, error)) {
        error = path + ": " + error;
        return false;
    }
    return true;
}

} // namespace gclab
