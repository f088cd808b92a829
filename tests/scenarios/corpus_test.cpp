// The fuzzer's seed corpus through the ordinary parser: nothing crashes, every broken-*.toml gives
// the one FILE:LINE:COL error its first line announces ("# error: LINE:COL: phrase"), and every
// other file parses and builds.
#include "scenarios/scenario_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace gclab {
namespace {

namespace fs = std::filesystem;

const fs::path corpus = fs::path(GCLAB_SOURCE_DIR) / "fuzz" / "corpus";

std::vector<fs::path> corpusFiles() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(corpus))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

TEST(ScenarioCorpus, BrokenFilesGiveTheirAnnouncedErrorAndOthersBuild) {
    int broken = 0, good = 0;
    for (const fs::path& p : corpusFiles()) {
        const std::string name = p.filename().string();
        std::ifstream in(p);
        std::string first;
        std::getline(in, first);
        try {
            ScenarioFile f = loadScenarioFile(p.string());
            EXPECT_NE(name.rfind("broken-", 0), 0u) << name << " parsed";
            Runtime rt;
            f.scenario.build(rt, f.scenario.defaults());
            good++;
        } catch (const ScenarioError& e) {
            broken++;
            ASSERT_EQ(name.rfind("broken-", 0), 0u) << name << ": " << e.what();
            const std::string announced = "# error: ";
            ASSERT_EQ(first.rfind(announced, 0), 0u) << name << " does not announce its error";
            const std::string err = e.what();
            EXPECT_EQ(err.find('\n'), std::string::npos);
            EXPECT_EQ(err.rfind(p.string() + ":" + first.substr(announced.size()), 0), 0u)
                << name << "\n expected: " << first << "\n got: " << err;
        }
    }
    EXPECT_GE(broken, 5);
    EXPECT_GE(good, 10);
}

TEST(ScenarioCorpus, SeedsEveryLibraryFile) {
    for (const auto& e : fs::directory_iterator(fs::path(GCLAB_SOURCE_DIR) / "scenarios" / "library")) {
        const fs::path seed = corpus / ("library-" + e.path().filename().string());
        EXPECT_TRUE(fs::exists(seed)) << seed << " is missing: link it to " << e.path();
    }
}

} // namespace
} // namespace gclab
