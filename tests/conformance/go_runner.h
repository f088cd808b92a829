// gclab conformance — runs a Go probe program and collects its "key=value" or whitespace output.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace gclab::conformance {

// runProbe runs `env GOGC=off GOMAXPROCS=1 <program> <args>` and returns its stdout lines; it
// fails the calling test (via exception) if the program exits non-zero.
std::vector<std::string> runProbe(const std::string& program, const std::string& args);

// keyValues parses "Key=Value" lines.
std::map<std::string, std::string> keyValues(const std::vector<std::string>& lines);

} // namespace gclab::conformance
