// gclab — scenarios written as TOML files (docs/scenario-format.md).
//
// parseScenarioFile turns a file into a Scenario whose build function holds the parsed program:
// it evaluates the counts with the given parameter values, resolves type names to TypeIds and adds
// everything to the Runtime. Every mistake in a file is one ScenarioError, `FILE:LINE:COL: message`,
// found before anything runs: TOML syntax, unknown or missing keys, wrong value types, unknown
// names, duplicate names, loop/end mismatch, locals beyond the frame, pointer words outside their
// type, counts out of range (with the defaults; build checks other parameter values the same way).
#pragma once

#include "sim/mbarrier.h"

#include "scenarios/scenario.h"
#include "scenarios/source_text.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gclab {

struct FileModel;

struct ScenarioFile {
    Scenario scenario;
    // Run settings a file fixes beyond Scenario::gomaxprocs and gogc ([settings] barrier and seed).
    BarrierMode barrier = BarrierMode::hybrid;
    std::uint64_t seed = 1;
    std::string file;
    std::uint64_t textHash = 0; // scenarioTextHash of the file's text: recordings name the exact file
    std::shared_ptr<const FileModel> model;

    // where returns "FILE:LINE:COL" of op `op` of program `program` (programs in file order, which is
    // the order build adds them to a fresh Runtime), or "" when there is no such op.
    std::string where(std::uint32_t program, std::uint32_t op) const;
};

// scenarioTextHash is the 64-bit FNV-1a hash of a file's bytes (detects edits, not tampering).
std::uint64_t scenarioTextHash(std::string_view text);

// parseScenarioFile parses text; filename is used in error messages. Throws ScenarioError.
ScenarioFile parseScenarioFile(std::string_view text, const std::string& filename);

// loadScenarioFile reads and parses the file at path. Throws ScenarioError (an unreadable file too).
ScenarioFile loadScenarioFile(const std::string& path);

// scenarioSettings is the run configuration a scenario asks for: its GOMAXPROCS, GOGC and GOMEMLIMIT,
// and its file's barrier and seed (hybrid and 1 without a file). Checks, events and overrides from the
// command line or the window are the caller's to add.
RuntimeConfig scenarioSettings(const Scenario& scenario, const ScenarioFile* file);

// isScenarioFilePath: the CLI treats an argument ending in .toml or containing '/' as a file.
bool isScenarioFilePath(std::string_view arg);

// The built-in TOML scenarios (scenarios/library/*.toml, embedded at build time). They are also in
// allScenarios(); these give their run settings and source positions.
const std::vector<ScenarioFile>& libraryScenarios();
const ScenarioFile* findLibraryScenario(const std::string& name);

// EmbeddedFile is one library file compiled into the binary (generated library_embedded.cpp).
struct EmbeddedFile {
    const char* path; // e.g. scenarios/library/steady-state.toml
    std::string_view text;
};
const std::vector<EmbeddedFile>& embeddedLibrary();

} // namespace gclab
