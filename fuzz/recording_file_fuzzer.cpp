// libFuzzer target for the recording-file decoder (tools/fuzz.sh recording builds and runs it).
//
// Inputs are tried twice: as they are (almost always stopped by the checksum), and with a correct
// CRC-32 appended, so that the fuzzer reaches the structure behind the checksum. Contract on every
// input: decoding either succeeds or fails with one line "byte OFFSET: message" where OFFSET lies
// within the input; a decoded recording re-encodes to bytes that decode to the same recording. Any
// crash or sanitizer report is a bug.
#include "sim/recording_file.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "recording_file_fuzzer: %s: %s\n", what, detail.c_str());
    std::abort();
}

void checkError(std::string_view bytes, const std::string& error) {
    const std::string prefix = "byte ";
    if (error.compare(0, prefix.size(), prefix) != 0)
        broken("error without its byte offset", error);
    if (error.find('\n') != std::string::npos)
        broken("error spans lines", error);
    std::size_t colon = error.find(": ", prefix.size());
    if (colon == std::string::npos || colon + 2 == error.size())
        broken("error without a message", error);
    std::string offset = error.substr(prefix.size(), colon - prefix.size());
    if (offset.empty() || offset.find_first_not_of("0123456789") != std::string::npos)
        broken("malformed byte offset", error);
    if (std::stoull(offset) > bytes.size())
        broken("byte offset beyond the input", error);
}

void decodeChecked(std::string_view bytes) {
    gclab::RecordingFile r;
    std::string error;
    if (!gclab::decodeRecording(bytes, r, error)) {
        checkError(bytes, error);
        return;
    }
    gclab::RecordingFile again;
    if (!gclab::decodeRecording(gclab::encodeRecording(r), again, error))
        broken("a decoded recording does not decode after re-encoding", error);
    if (!(again == r))
        broken("re-encoding changed the recording", "");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    decodeChecked(bytes);
    std::uint32_t crc = gclab::crc32(bytes);
    for (int i = 0; i < 4; i++)
        bytes.push_back(static_cast<char>((crc >> (8 * i)) & 0xff));
    decodeChecked(bytes);
    return 0;
}
