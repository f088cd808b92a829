// gclab run --pprof: a heap profile in pprof's format (gzipped profile.proto), like Go's heap profile
// with runtime.MemProfileRate = 1: sample types alloc_objects/count, alloc_space/bytes,
// inuse_objects/count and inuse_space/bytes, one sample per allocation site, goroutine and slot size.
//
// An allocation site is the op that allocated (the step's goroutine ran op pc-1: newobj and newarray
// advance the pc when they allocate). Its stack has two frames: the op ("worker.op3: new Object" at the
// op's file:line for a scenario file) and the goroutine's program ("worker"). Like Go, tiny objects
// placed in an existing tiny block are not profiled; the block is, at 16 bytes, by the op that
// allocated it. inuse = allocated and not yet freed by sweeping when the run ends (Go reports inuse as
// of the last completed GC cycle).
#include "sim/alloc_site.h"

#include "cli/alloc_event.h"
#include "cli/atomic_file.h"
#include "cli/exporters.h"
#include "cli/gzip_file.h"
#include "cli/protobuf_writer.h"
#include "scenarios/scenario_file.h"
#include "scenarios/scenario_model.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace gclab::cli {

namespace {

struct SampleKey {
    AllocSite site;
    std::uint32_t goid = 0;
    std::uint64_t size = 0;
    auto operator<=>(const SampleKey&) const = default;
};

struct SampleKeyHash {
    std::size_t operator()(const SampleKey& k) const {
        std::uint64_t h = (std::uint64_t{k.site.program} << 32 | k.site.pc) * 0x9e3779b97f4a7c15ULL;
        h ^= (std::uint64_t{k.goid} << 40 ^ k.size) * 0xc2b2ae3d27d4eb4fULL;
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
};

struct Counts {
    std::int64_t allocObjects = 0;
    std::int64_t allocBytes = 0;
    std::int64_t inuseObjects = 0;
    std::int64_t inuseBytes = 0;
};

// StringTable interns profile.proto's strings; index 0 is "".
class StringTable {
  public:
    StringTable() { index(""); }
    std::int64_t index(const std::string& s) {
        auto [it, added] = ids_.try_emplace(s, static_cast<std::int64_t>(strings_.size()));
        if (added)
            strings_.push_back(s);
        return it->second;
    }
    const std::vector<std::string>& strings() const { return strings_; }

  private:
    std::map<std::string, std::int64_t> ids_;
    std::vector<std::string> strings_;
};

class PprofExporter : public RunObserver {
  public:
    PprofExporter(const std::string& path, ProfileSource source)
        : file_(path, "--pprof"), source_(std::move(source)) {}

    void onStep(const Runtime& rt, const StepSpan&, std::span<const Event> events) override {
        for (const Event& e : events) {
            if (e.kind == EventKind::alloc && !isTinySubAllocation(rt, e)) {
                auto [it, added] = samples_.try_emplace(SampleKey{siteOf(rt, e), e.g, e.b}, samples_.size());
                if (added)
                    counts_.emplace_back();
                Counts& c = counts_[it->second];
                c.allocObjects++;
                c.allocBytes += static_cast<std::int64_t>(e.b);
                c.inuseObjects++;
                c.inuseBytes += static_cast<std::int64_t>(e.b);
                live_[e.a] = it->second;
            } else if (e.kind == EventKind::free) {
                auto it = live_.find(e.a);
                if (it == live_.end())
                    throw ExportError(
                        "gclab: --pprof: the model freed an object it never reported allocating");
                Counts& c = counts_[it->second];
                c.inuseObjects--;
                c.inuseBytes -= static_cast<std::int64_t>(e.b);
                live_.erase(it);
            }
        }
    }

    void finish(const Runtime& rt) override {
        const std::string proto = encode(rt);
        std::string gz;
        try {
            gz = gzip(proto);
        } catch (const std::runtime_error& e) {
            throw ExportError(std::string("gclab: --pprof: ") + e.what());
        }
        file_.out().write(gz.data(), static_cast<std::streamsize>(gz.size()));
        file_.commit();
    }

  private:
    AllocSite siteOf(const Runtime& rt, const Event& e) const {
        if (std::optional<AllocSite> s = allocSiteOf(rt, e))
            return *s;
        throw ExportError("gclab: --pprof: goroutine " + std::to_string(e.g) +
                          " allocated outside a new or newarray op");
    }

    // Frame is a function and line in the profile.
    struct Frame {
        std::string function;
        std::string file;
        std::int64_t line = 0;
    };

    Frame opFrame(const Runtime& rt, const AllocSite& s) const {
        if (s.program == Runtime::noProgram)
            return Frame{source_.scenarioName + " setup", source_.scenarioName, 0};
        const Program& prog = rt.programs[s.program];
        const Op& op = prog.ops[s.pc];
        std::string what =
            op.code == OpCode::newobj ? "new " + rt.types[op.b].name : "newarray " + rt.types[op.b].name;
        Frame f{prog.name + ".op" + std::to_string(s.pc) + ": " + what, source_.scenarioName,
                static_cast<std::int64_t>(s.pc) + 1};
        if (const FileModel* m = fileModel(s.program)) {
            f.file = source_.file->file;
            f.line = m->programs[s.program].ops[s.pc].pos.line;
        }
        return f;
    }

    Frame programFrame(const Runtime& rt, std::uint32_t program) const {
        Frame f{rt.programs[program].name, source_.scenarioName, 0};
        if (const FileModel* m = fileModel(program)) {
            f.file = source_.file->file;
            f.line = m->programs[program].pos.line;
        }
        return f;
    }

    const FileModel* fileModel(std::uint32_t program) const {
        if (source_.file == nullptr || !source_.file->model ||
            program >= source_.file->model->programs.size())
            return nullptr;
        return source_.file->model.get();
    }

    std::string encode(const Runtime& rt) {
        StringTable strings;
        ProtobufWriter profile;
        auto valueType = [&](std::uint32_t field, const char* type, const char* unit) {
            ProtobufWriter vt;
            vt.int64Field(1, strings.index(type));
            vt.int64Field(2, strings.index(unit));
            profile.messageField(field, vt);
        };
        valueType(1, "alloc_objects", "count");
        valueType(1, "alloc_space", "bytes");
        valueType(1, "inuse_objects", "count");
        valueType(1, "inuse_space", "bytes");

        // One location and function per distinct frame, numbered from 1 in order of first use.
        std::map<std::tuple<std::string, std::string, std::int64_t>, std::uint64_t> locationIds;
        std::vector<ProtobufWriter> locationMsgs;
        std::vector<ProtobufWriter> functionMsgs;
        auto locationOf = [&](const Frame& f) {
            auto [it, added] =
                locationIds.try_emplace(std::tuple{f.function, f.file, f.line}, locationIds.size() + 1);
            if (added) {
                ProtobufWriter fn;
                fn.uint64Field(1, it->second);
                fn.int64Field(2, strings.index(f.function));
                fn.int64Field(3, strings.index(f.function));
                fn.int64Field(4, strings.index(f.file));
                functionMsgs.push_back(fn);
                ProtobufWriter line;
                line.uint64Field(1, it->second);
                line.int64Field(2, f.line);
                ProtobufWriter loc;
                loc.uint64Field(1, it->second);
                loc.uint64Field(2, 1);
                loc.messageField(4, line);
                locationMsgs.push_back(loc);
            }
            return it->second;
        };

        std::vector<std::pair<SampleKey, std::size_t>> ordered(samples_.begin(), samples_.end());
        std::sort(ordered.begin(), ordered.end());
        for (const auto& [key, index] : ordered) {
            const Counts& c = counts_[index];
            std::vector<std::uint64_t> stack{locationOf(opFrame(rt, key.site))};
            if (key.site.program != Runtime::noProgram)
                stack.push_back(locationOf(programFrame(rt, key.site.program)));
            ProtobufWriter sample;
            sample.packedField(1, stack);
            sample.packedField(
                2, std::vector<std::int64_t>{c.allocObjects, c.allocBytes, c.inuseObjects, c.inuseBytes});
            ProtobufWriter bytesLabel;
            bytesLabel.int64Field(1, strings.index("bytes"));
            bytesLabel.int64Field(3, static_cast<std::int64_t>(key.size));
            sample.messageField(3, bytesLabel);
            if (key.goid != 0) {
                ProtobufWriter goidLabel;
                goidLabel.int64Field(1, strings.index("goroutine"));
                goidLabel.int64Field(3, key.goid);
                sample.messageField(3, goidLabel);
            }
            profile.messageField(2, sample);
        }

        ProtobufWriter mapping;
        mapping.uint64Field(1, 1);
        mapping.int64Field(5, strings.index(source_.scenarioName));
        mapping.boolField(7, true); // has_functions
        mapping.boolField(8, true); // has_filenames
        mapping.boolField(9, true); // has_line_numbers
        profile.messageField(3, mapping);
        for (const ProtobufWriter& l : locationMsgs)
            profile.messageField(4, l);
        for (const ProtobufWriter& f : functionMsgs)
            profile.messageField(5, f);

        ProtobufWriter periodType;
        periodType.int64Field(1, strings.index("space"));
        periodType.int64Field(2, strings.index("bytes"));
        std::int64_t durationNs = rt.now();
        for (const std::string& s : strings.strings())
            profile.bytesField(6, s);
        profile.int64Field(10, durationNs);
        profile.messageField(11, periodType);
        profile.int64Field(12, 1); // every allocation is recorded: MemProfileRate = 1
        return profile.bytes();
    }

    AtomicFile file_;
    ProfileSource source_;
    // Sample index into counts_; sorted by key when written, so the file does not depend on hashing.
    std::unordered_map<SampleKey, std::size_t, SampleKeyHash> samples_;
    std::vector<Counts> counts_;
    std::unordered_map<uintptr, std::size_t> live_; // object address -> its sample (never iterated)
};

} // namespace

std::unique_ptr<RunObserver> makePprofExporter(const std::string& path, ProfileSource source) {
    return std::make_unique<PprofExporter>(path, std::move(source));
}

} // namespace gclab::cli
