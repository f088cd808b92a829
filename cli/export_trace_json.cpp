// gclab run --trace-json: a Chrome/Perfetto trace (the trace-event JSON format's "traceEvents" array)
// of the run in virtual time: GC phases and stop-the-world pauses, one track per P with what it ran
// (goroutines, mark workers by mode, assists nested in the goroutine that paid them) and counters.
//
// Built from the event stream and the step spans (run_observer.h). Slices are complete events ("X")
// written when they end, so every slice is closed and the file is streamed with bounded memory.
// Timestamps are virtual nanoseconds shown as microseconds with three decimals (exact).
#include "sim/mstats.h"

#include "cli/atomic_file.h"
#include "cli/exporters.h"
#include "cli/sample_schedule.h"

#include <string>
#include <vector>

namespace gclab::cli {

namespace {

constexpr int pid = 1;
constexpr int phaseTid = 1;
constexpr int stwTid = 2;
constexpr int firstPTid = 10;

// Micros prints virtual ns as µs with exactly three decimals.
struct Micros {
    std::int64_t ns;
};
std::ostream& operator<<(std::ostream& o, Micros t) {
    std::int64_t frac = t.ns % 1000;
    o << t.ns / 1000 << '.' << static_cast<char>('0' + frac / 100) << static_cast<char>('0' + frac / 10 % 10)
      << static_cast<char>('0' + frac % 10);
    return o;
}

// JsonString prints a string as a JSON string literal.
struct JsonString {
    const std::string& s;
};
std::ostream& operator<<(std::ostream& o, JsonString j) {
    o << '"';
    for (char c : j.s) {
        if (c == '"' || c == '\\')
            o << '\\' << c;
        else if (static_cast<unsigned char>(c) < 0x20)
            o << "\\u00"
              << "0123456789abcdef"[(c >> 4) & 0xf] << "0123456789abcdef"[c & 0xf];
        else
            o << c;
    }
    return o << '"';
}

// bgscavengeKey names the background scavenger's runs (keys below 256 are not goroutines).
constexpr std::uint64_t bgscavengeKey = 255;

const char* workerModeName(std::uintptr_t mode) {
    switch (static_cast<MarkWorkerMode>(mode)) {
    case MarkWorkerMode::dedicated:
        return "mark worker (dedicated)";
    case MarkWorkerMode::fractional:
        return "mark worker (fractional)";
    case MarkWorkerMode::idle:
        return "mark worker (idle)";
    case MarkWorkerMode::none:
        break;
    }
    return "mark worker";
}

// Slice is an open slice on one track: it started at start and has lasted until end so far.
struct Slice {
    bool open = false;
    std::uint64_t key = 0; // what runs: a goroutine or a worker mode (see activityKey)
    std::string name;
    std::string cat;
    std::string args; // JSON object text
    std::int64_t start = 0;
    std::int64_t end = 0;
};

struct PTrack {
    Slice run;    // a goroutine, the background sweeper or a mark worker
    Slice assist; // an assist, inside the goroutine's slice
    std::uintptr_t workerMode = 0;
};

class TraceJsonExporter : public RunObserver {
  public:
    explicit TraceJsonExporter(const std::string& path) : file_(path, "--trace-json") {
        file_.out() << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
        metadata("process_name", 0, "gclab (virtual time)");
        metadata("thread_name", phaseTid, "GC phases");
        metadata("thread_name", stwTid, "STW");
    }

    void onStep(const Runtime& rt, const StepSpan& span, std::span<const Event> events) override {
        if (tracks_.size() < rt.allp.size()) {
            for (std::size_t p = tracks_.size(); p < rt.allp.size(); p++)
                metadata("thread_name", firstPTid + static_cast<int>(p), "P" + std::to_string(p));
            tracks_.resize(rt.allp.size());
        }
        for (const Event& e : events)
            onEvent(rt, span, e);
        if (span.p != StepSpan::noP)
            onPStep(rt, span, events);
        if (sweep_.open && rt.isSweepDone()) {
            sweep_.end = span.end;
            close(phaseTid, sweep_);
        }
        if (!started_) {
            started_ = true;
            counters(rt);
            return;
        }
        schedule_.forEachSample(rt.now(), events, [&](SampleSchedule::Reason) { counters(rt); });
    }

    void finish(const Runtime& rt) override {
        std::int64_t end = rt.now();
        for (const P& p : rt.allp)
            end = std::max(end, p.clock);
        for (std::size_t p = 0; p < tracks_.size(); p++)
            closeRun(static_cast<int>(p), tracks_[p]);
        for (Slice* s : {&phase_, &stw_}) {
            s->end = std::max(s->end, end);
            close(s == &stw_ ? stwTid : phaseTid, *s);
        }
        sweep_.end = end;
        close(phaseTid, sweep_);
        counters(rt);
        file_.out() << "\n]}\n";
        file_.commit();
    }

  private:
    void onEvent(const Runtime& rt, const StepSpan& span, const Event& e) {
        // work.cycles counts the cycle from the end of sweep termination on.
        auto cycleArgs = [&] {
            const std::uint32_t n = rt.work.cycles + (e.kind == EventKind::stwStart && e.a == 0 ? 1 : 0);
            return "{\"cycle\":" + std::to_string(n) + "}";
        };
        switch (e.kind) {
        case EventKind::stwStart:
            if (e.a == 0) {
                sweep_.end = span.start;
                close(phaseTid, sweep_);
                openSlice(phase_, "sweep termination", "gc", cycleArgs(), span.start);
                openSlice(stw_, "STW: sweep termination", "stw", cycleArgs(), span.start);
            } else {
                endAndClose(phaseTid, phase_, span.start);
                openSlice(phase_, "mark termination", "gc", cycleArgs(), span.start);
                openSlice(stw_, "STW: mark termination", "stw", cycleArgs(), span.start);
            }
            break;
        case EventKind::stwEnd:
            if (e.a == 1 && !rt.work.history.empty())
                phase_.args = cycleStatsArgs(rt.work.history.back());
            endAndClose(phaseTid, phase_, span.end);
            endAndClose(stwTid, stw_, span.end);
            if (e.a == 0)
                openSlice(phase_, "mark", "gc", cycleArgs(), span.end);
            else
                openSlice(sweep_, "sweep", "gc", cycleArgs(), span.end);
            break;
        case EventKind::workerStart:
            if (e.p < tracks_.size())
                tracks_[e.p].workerMode = e.a;
            break;
        default:
            break;
        }
    }

    // cycleStatsArgs describes a completed cycle (GCCycleStats) like gctrace: heap sizes and CPU times.
    static std::string cycleStatsArgs(const GCCycleStats& c) {
        std::string a = "{\"cycle\":" + std::to_string(c.num);
        auto add = [&a](const char* name, std::int64_t v) {
            a += ",\"" + std::string(name) + "\":" + std::to_string(v);
        };
        add("forced", c.forced ? 1 : 0);
        add("heap0", static_cast<std::int64_t>(c.heap0));
        add("heap1", static_cast<std::int64_t>(c.heap1));
        add("heap2", static_cast<std::int64_t>(c.heap2));
        add("heapGoal", static_cast<std::int64_t>(c.heapGoal));
        add("assistTime", c.assistTime);
        add("dedicatedTime", c.dedicatedTime);
        add("fractionalTime", c.fractionalTime);
        add("idleTime", c.idleTime);
        return a + "}";
    }

    void onPStep(const Runtime& rt, const StepSpan& span, std::span<const Event> events) {
        PTrack& t = tracks_[span.p];
        const int tid = firstPTid + static_cast<int>(span.p);
        std::uint64_t key = 0;
        bool assisting = false;
        if (rt.lastStep == Runtime::StepKind::markWorker) {
            key = t.workerMode; // 1..3
        } else if (rt.lastStep == Runtime::StepKind::scavenger) {
            key = bgscavengeKey;
        } else if (rt.lastStep == Runtime::StepKind::mutatorOp ||
                   rt.lastStep == Runtime::StepKind::runtimeG) {
            key = std::uint64_t{rt.curG} << 8;
            // An assist ends with an assist event; one in progress owes scan work (only while marking).
            for (const Event& e : events)
                assisting = assisting || e.kind == EventKind::assist;
            if (!assisting && rt.gcphase == GCPhase::mark)
                assisting = rt.goroutine(rt.curG).assistWorkLeft > 0;
        }
        if (t.run.open && (t.run.key != key || t.run.end < span.start))
            closeRun(static_cast<int>(span.p), t);
        if (key == 0)
            return;
        if (!t.run.open) {
            if (key == bgscavengeKey) {
                openSlice(t.run, "bgscavenge", "scavenger", "{}", span.start);
            } else if (key < 256) {
                openSlice(t.run, workerModeName(key), "mark-worker", "{}", span.start);
            } else {
                const G& g = rt.goroutine(rt.curG);
                std::string name = g.kind == GKind::bgsweep ? "bgsweep"
                                   : g.program < rt.programs.size()
                                       ? "G" + std::to_string(g.goid) + " " + rt.programs[g.program].name
                                       : "G" + std::to_string(g.goid);
                openSlice(t.run, name, "goroutine", "{\"goid\":" + std::to_string(g.goid) + "}", span.start);
            }
            t.run.key = key;
        }
        t.run.end = span.end;
        if (t.assist.open && (!assisting || t.assist.end < span.start))
            close(tid, t.assist);
        if (assisting) {
            if (!t.assist.open)
                openSlice(t.assist, "assist", "assist", "{}", span.start);
            t.assist.end = span.end;
        }
    }

    // closeRun writes the goroutine's slice before its assist: viewers nest slices of equal extent in
    // file order.
    void closeRun(int p, PTrack& t) {
        close(firstPTid + p, t.run);
        close(firstPTid + p, t.assist);
    }

    static void openSlice(Slice& s, std::string name, const char* cat, std::string args, std::int64_t at) {
        s.open = true;
        s.name = std::move(name);
        s.cat = cat;
        s.args = std::move(args);
        s.start = at;
        s.end = at;
    }

    void endAndClose(int tid, Slice& s, std::int64_t at) {
        s.end = at;
        close(tid, s);
    }

    void close(int tid, Slice& s) {
        if (!s.open)
            return;
        s.open = false;
        next() << "{\"ph\":\"X\",\"pid\":" << pid << ",\"tid\":" << tid << ",\"ts\":" << Micros{s.start}
               << ",\"dur\":" << Micros{s.end - s.start} << ",\"cat\":\"" << s.cat
               << "\",\"name\":" << JsonString{s.name} << ",\"args\":" << s.args << "}";
    }

    void counters(const Runtime& rt) {
        const std::int64_t at = rt.now();
        auto counter = [&](const char* name, std::uint64_t v) {
            next() << "{\"ph\":\"C\",\"pid\":" << pid << ",\"ts\":" << Micros{at} << ",\"name\":\"" << name
                   << "\",\"args\":{\"bytes\":" << v << "}}";
        };
        counter("heapLive", rt.gcController.heapLive);
        counter("heapGoal", rt.gcController.heapGoal());
        counter("HeapInuse", rt.mheap.heapInUse);
    }

    void metadata(const char* what, int tid, const std::string& name) {
        next() << "{\"ph\":\"M\",\"pid\":" << pid << ",\"tid\":" << tid << ",\"name\":\"" << what
               << "\",\"args\":{\"name\":" << JsonString{name} << "}}";
    }

    std::ostream& next() {
        if (!first_)
            file_.out() << ",\n";
        first_ = false;
        return file_.out();
    }

    AtomicFile file_;
    SampleSchedule schedule_;
    std::vector<PTrack> tracks_;
    Slice phase_; // sweep termination, mark, mark termination
    Slice stw_;
    Slice sweep_; // concurrent sweeping after a cycle, until the sweep is done
    bool first_ = true;
    bool started_ = false;
};

} // namespace

std::unique_ptr<RunObserver> makeTraceJsonExporter(const std::string& path) {
    return std::make_unique<TraceJsonExporter>(path);
}

} // namespace gclab::cli
