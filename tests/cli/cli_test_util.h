// Helpers shared by the CLI tests: run a command in-process and capture what it prints.
#pragma once

#include "cli/commands.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace gclab::test {

struct CliResult {
    int code = 0;
    std::string out, err;
    // lastLine is the last line printed on stdout (the hash, with --hash).
    std::string lastLine() const {
        std::string s = out;
        if (!s.empty() && s.back() == '\n')
            s.pop_back();
        return s.substr(s.rfind('\n') + 1);
    }
};

inline CliResult run(const cli::RunOptions& o) {
    std::ostringstream out, err;
    int code = cli::runScenario(o, out, err);
    return {code, out.str(), err.str()};
}

inline CliResult replay(const cli::ReplayOptions& o) {
    std::ostringstream out, err;
    int code = cli::replayRecording(o, out, err);
    return {code, out.str(), err.str()};
}

inline CliResult sweep(const cli::SweepOptions& o) {
    std::ostringstream out, err;
    int code = cli::sweepScenario(o, out, err);
    return {code, out.str(), err.str()};
}

// tempPath is a file name in the test's temporary directory, unique per test.
inline std::string tempPath(const std::string& name) {
    const ::testing::TestInfo* t = ::testing::UnitTest::GetInstance()->current_test_info();
    return ::testing::TempDir() + "gclab-" + t->test_suite_name() + "-" + t->name() + "-" + name;
}

} // namespace gclab::test
