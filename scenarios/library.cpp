// The built-in TOML scenarios: scenarios/library/*.toml, compiled in by embed_library.cmake and
// registered next to the C++ scenarios at static-initialisation time.
#include "scenarios/scenario_file.h"

#include <cstdio>

namespace gclab {

namespace {

std::vector<ScenarioFile>& library() {
    static std::vector<ScenarioFile> files;
    return files;
}

bool registerLibrary() {
    for (const EmbeddedFile& f : embeddedLibrary()) {
        try {
            ScenarioFile s = parseScenarioFile(f.text, f.path);
            registerScenario(s.scenario);
            library().push_back(std::move(s));
        } catch (const ScenarioError& e) {
            // A broken library file is a build bug; tests/scenarios and `gclab check` catch it.
            std::fprintf(stderr, "gclab: built-in scenario skipped: %s\n", e.what());
        }
    }
    return true;
}

const bool registered = registerLibrary();

} // namespace

const std::vector<ScenarioFile>& libraryScenarios() { return library(); }

const ScenarioFile* findLibraryScenario(const std::string& name) {
    for (const ScenarioFile& f : library())
        if (f.scenario.name == name)
            return &f;
    return nullptr;
}

} // namespace gclab
