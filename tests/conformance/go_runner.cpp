#include "go_runner.h"

#include <array>
#include <cstdio>
#include <stdexcept>

namespace gclab::conformance {

std::vector<std::string> runProbe(const std::string& program, const std::string& args) {
    std::string cmd = "env GOGC=off GOMAXPROCS=1 '" + program + "' " + args;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr)
        throw std::runtime_error("cannot run " + cmd);
    std::vector<std::string> lines;
    std::string current;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) {
        for (std::size_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                lines.push_back(current);
                current.clear();
            } else {
                current += buf[i];
            }
        }
    }
    int status = pclose(pipe);
    if (status != 0)
        throw std::runtime_error(cmd + " failed with status " + std::to_string(status));
    return lines;
}

std::map<std::string, std::string> keyValues(const std::vector<std::string>& lines) {
    std::map<std::string, std::string> kv;
    for (const std::string& l : lines) {
        auto eq = l.find('=');
        if (eq != std::string::npos)
            kv[l.substr(0, eq)] = l.substr(eq + 1);
    }
    return kv;
}

} // namespace gclab::conformance
