#include "cli/run_recording.h"

#include "scenarios/param_value.h"

#include <charconv>
#include <ostream>

namespace gclab::cli {

namespace {

constexpr const char* recordedBy = "gclab " GCLAB_VERSION;

bool parseI64(const std::string& s, std::int64_t& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

bool parseHex64(const std::string& s, std::uint64_t& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

class MetaReader {
  public:
    MetaReader(const std::string& path, const std::map<std::string, std::string>& meta, std::ostream& err)
        : path_(path), meta_(meta), err_(err) {}

    const std::string* text(const std::string& key) {
        auto it = meta_.find(key);
        if (it != meta_.end())
            return &it->second;
        err_ << "gclab: " << path_ << ": the recording has no \"" << key
             << "\" entry (it was not made by gclab run --record)\n";
        return nullptr;
    }
    bool integer(const std::string& key, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
        const std::string* s = text(key);
        if (s == nullptr)
            return false;
        if (parseI64(*s, out) && out >= lo && out <= hi)
            return true;
        err_ << "gclab: " << path_ << ": recording entry " << key << ": expected an integer from " << lo
             << " to " << hi << ", got \"" << *s << "\"\n";
        return false;
    }

  private:
    const std::string& path_;
    const std::map<std::string, std::string>& meta_;
    std::ostream& err_;
};

} // namespace

std::map<std::string, std::string> describeRun(const std::string& scenario, const RunSetup& setup,
                                               const StopCondition& stop, const Runtime& end) {
    std::map<std::string, std::string> m;
    const RuntimeConfig& cfg = setup.cfg;
    m["recorded-by"] = recordedBy;
    m["scenario"] = scenario;
    if (setup.file != nullptr)
        m["scenario.hash"] = hex64(setup.file->textHash);
    for (const ScenarioParam& p : setup.scenario->params)
        m["param." + p.name] = formatParamValue(p, setup.values.at(p.name));
    m["config.gomaxprocs"] = std::to_string(cfg.gomaxprocs);
    m["config.gogc"] = std::to_string(cfg.gogc);
    m["config.gomemlimit"] = std::to_string(cfg.memoryLimit);
    m["config.go-version"] = std::to_string(static_cast<int>(cfg.goVersion));
    m["config.barrier"] = std::string(barrierModeName(cfg.barrier));
    m["config.seed"] = std::to_string(cfg.seed);
    m["config.oracle"] = cfg.checkmark ? "1" : "0";
    m["until"] = formatUntil(stop);
    m["end.hash"] = hex64(runHash(end));
    return m;
}

bool restoreRun(const std::string& path, const RecordingFile& rec, RecordedRun& out, std::ostream& err) {
    MetaReader meta(path, rec.meta, err);
    const std::string* scenario = meta.text("scenario");
    if (scenario == nullptr)
        return false;
    RunOptions opt;
    opt.scenario = *scenario;
    std::optional<RunSetup> setup = prepareRun(opt, err);
    if (!setup)
        return false;

    auto recordedHash = rec.meta.find("scenario.hash");
    std::string nowHash = setup->file != nullptr ? hex64(setup->file->textHash) : "";
    std::string thenHash = recordedHash != rec.meta.end() ? recordedHash->second : "";
    if (nowHash != thenHash) {
        err << "gclab: " << path << ": scenario " << *scenario
            << " is not the one recorded: its text hash is " << (nowHash.empty() ? "none" : nowHash)
            << ", the recording's " << (thenHash.empty() ? "none" : thenHash)
            << " (the file changed since the recording was made)\n";
        return false;
    }

    for (const ScenarioParam& p : setup->scenario->params) {
        const std::string* v = meta.text("param." + p.name);
        if (v == nullptr)
            return false;
        std::string e = applyParamOverride(*setup->scenario, p.name + "=" + *v, setup->values);
        if (!e.empty()) {
            err << "gclab: " << path << ": recording entry param." << p.name << ": " << e << "\n";
            return false;
        }
    }

    RuntimeConfig& cfg = setup->cfg;
    std::int64_t v = 0;
    if (!meta.integer("config.gomaxprocs", 1, 256, v))
        return false;
    cfg.gomaxprocs = static_cast<std::uint32_t>(v);
    if (!meta.integer("config.gogc", -1, std::numeric_limits<std::int32_t>::max(), v))
        return false;
    cfg.gogc = static_cast<std::int32_t>(v);
    if (!meta.integer("config.gomemlimit", 0, std::numeric_limits<std::int64_t>::max(), v))
        return false;
    cfg.memoryLimit = v;
    if (!meta.integer("config.go-version", 0, static_cast<int>(GoVersion::go1_26), v))
        return false;
    cfg.goVersion = static_cast<GoVersion>(v);
    if (!meta.integer("config.seed", 0, std::numeric_limits<std::int64_t>::max(), v))
        return false;
    cfg.seed = static_cast<std::uint64_t>(v);
    if (!meta.integer("config.oracle", 0, 1, v))
        return false;
    cfg.checkmark = v == 1;
    cfg.logStores = v == 1;
    const std::string* barrier = meta.text("config.barrier");
    if (barrier == nullptr)
        return false;
    auto mode = parseBarrierMode(*barrier);
    if (!mode) {
        err << "gclab: " << path << ": recording entry config.barrier: unknown barrier \"" << *barrier
            << "\"\n";
        return false;
    }
    cfg.barrier = *mode;

    const std::string* until = meta.text("until");
    const std::string* endHash = meta.text("end.hash");
    if (until == nullptr || endHash == nullptr)
        return false;
    std::string e;
    if (!parseUntil(*until, out.stop, e)) {
        err << "gclab: " << path << ": recording entry until: " << e << "\n";
        return false;
    }
    if (!parseHex64(*endHash, out.endHash)) {
        err << "gclab: " << path << ": recording entry end.hash: expected 16 hex digits, got \"" << *endHash
            << "\"\n";
        return false;
    }
    out.setup = std::move(*setup);
    return true;
}

} // namespace gclab::cli
