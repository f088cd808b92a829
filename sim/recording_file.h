// gclab — saved recordings: a versioned, checksummed file holding what is needed to replay a run.
//
// A recording holds the caller's description of the start (scenario, parameters, settings, as
// key/value text), the command log, the sampled event hashes and the tick where it ended. Replaying
// rebuilds the start from the description, loads the commands and verifies the hashes (Timeline).
// Layout (little-endian): "GCLABREC", u32 version, u32 n + n × (u32 len, key, u32 len, value),
// u32 n + n × (u64 tick, u8 kind, i64 value), u32 n + n × (u64 tick, u64 hash), u64 end tick,
// u32 CRC-32 of everything before it.
#pragma once

#include "sim/recording.h"

#include <map>
#include <string>
#include <string_view>

namespace gclab {

inline constexpr std::uint32_t recordingVersion = 1;

struct RecordingFile {
    std::map<std::string, std::string> meta;
    std::vector<Command> commands;
    std::map<std::uint64_t, std::uint64_t> hashes;
    std::uint64_t endTick = 0;
    friend bool operator==(const RecordingFile&, const RecordingFile&) = default;
};

std::string encodeRecording(const RecordingFile& r);
// decodeRecording parses bytes; on failure it returns false and sets error to "byte OFFSET: what was
// expected".
bool decodeRecording(std::string_view bytes, RecordingFile& out, std::string& error);

// saveRecording writes the file atomically (a temporary file renamed into place): a failed save
// leaves nothing half-written. Returns false with an error message on failure.
bool saveRecording(const std::string& path, const RecordingFile& r, std::string& error);
// loadRecording reads and decodes; errors are "PATH: byte OFFSET: ..." or "PATH: cannot read".
bool loadRecording(const std::string& path, RecordingFile& out, std::string& error);

std::uint32_t crc32(std::string_view bytes);

} // namespace gclab
