#include "scenarios/scenario_file.h"

#include "scenarios/scenario_model.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gclab {

std::string ScenarioFile::where(std::uint32_t program, std::uint32_t op) const {
    if (!model || program >= model->programs.size() || op >= model->programs[program].ops.size())
        return "";
    SourcePos p = model->programs[program].ops[op].pos;
    return file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

std::uint64_t scenarioTextHash(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

ScenarioFile parseScenarioFile(std::string_view text, const std::string& filename) {
    auto model = std::make_shared<FileModel>(readScenarioToml(text, filename));
    // Every count must be valid with the defaults, and the programs must pass the static checks.
    ParamValues defaults;
    for (const ScenarioParam& p : model->params)
        defaults[p.name] = p.defaultValue;
    evaluateScenario(*model, defaults);
    for (const ProgramDecl& p : model->programs)
        checkProgram(*model, p);

    ScenarioFile f;
    f.file = filename;
    f.textHash = scenarioTextHash(text);
    f.barrier = model->barrier;
    f.seed = model->seed;
    f.scenario.name = model->name;
    f.scenario.description = model->description;
    f.scenario.gomaxprocs = model->gomaxprocs;
    f.scenario.gogc = model->gogc;
    f.scenario.memoryLimit = model->memoryLimit;
    f.scenario.params = model->params;
    f.scenario.narration = model->narration;
    std::shared_ptr<const FileModel> shared = model;
    f.scenario.build = [shared](Runtime& rt, const ParamValues& values) {
        buildScenario(evaluateScenario(*shared, values), rt);
    };
    f.model = std::move(shared);
    return f;
}

ScenarioFile loadScenarioFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ScenarioError(path, SourcePos{}, "cannot read the file: it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ScenarioError(path, SourcePos{}, std::string("cannot read the file: ") + std::strerror(errno));
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (static_cast<std::int64_t>(text.size()) > scenario_limits::maxFileBytes)
            throw ScenarioError(path, SourcePos{},
                                "the file is larger than 1MiB, the most a scenario file may be");
    }
    if (in.bad())
        throw ScenarioError(path, SourcePos{}, "cannot read the file: read error");
    return parseScenarioFile(text, path);
}

RuntimeConfig scenarioSettings(const Scenario& scenario, const ScenarioFile* file) {
    RuntimeConfig cfg;
    cfg.gomaxprocs = scenario.gomaxprocs;
    cfg.gogc = scenario.gogc;
    cfg.memoryLimit = scenario.memoryLimit;
    if (file != nullptr) {
        cfg.barrier = file->barrier;
        cfg.seed = file->seed;
    }
    return cfg;
}

bool isScenarioFilePath(std::string_view arg) {
    return arg.find('/') != std::string_view::npos ||
           (arg.size() >= 5 && arg.substr(arg.size() - 5) == ".toml");
}

} // namespace gclab
