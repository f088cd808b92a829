// The scenario file schema (docs/scenario-format.md): TOML tables and keys into a FileModel.
#include "scenarios/diagnostic_text.h"
#include "scenarios/param_value.h"
#include "scenarios/scenario_model.h"
#include "scenarios/toml_reader.h"

#include <algorithm>
#include <map>

namespace gclab {

namespace {

namespace limits = scenario_limits;

bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isAlpha(char c) { return isLower(c) || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool validScenarioName(std::string_view s) {
    if (s.empty() || s.size() > 64 || s.front() == '-')
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return isLower(c) || isDigit(c) || c == '-'; });
}

bool validIdentifier(std::string_view s, std::string_view extra) {
    if (s.empty() || s.size() > 64 || !(isAlpha(s.front()) || s.front() == '_'))
        return false;
    return std::all_of(s.begin(), s.end(), [&](char c) {
        return isAlpha(c) || isDigit(c) || c == '_' || extra.find(c) != std::string_view::npos;
    });
}

bool validTypeName(std::string_view s) {
    std::size_t stars = 0;
    while (stars < s.size() && s[stars] == '*')
        stars++;
    return s.size() <= 64 && validIdentifier(s.substr(stars), ".");
}

const std::vector<std::string>& topKeys() {
    static const std::vector<std::string> keys = {"scenario", "settings", "globals",    "types",
                                                  "params",   "programs", "goroutines", "narration"};
    return keys;
}
const std::vector<std::string>& scenarioKeys() {
    static const std::vector<std::string> keys = {"name", "description"};
    return keys;
}
const std::vector<std::string>& settingsKeys() {
    static const std::vector<std::string> keys = {"gomaxprocs", "gogc", "gomemlimit", "barrier", "seed"};
    return keys;
}
const std::vector<std::string>& paramKeys() {
    static const std::vector<std::string> keys = {"name", "kind", "default", "min", "max", "help"};
    return keys;
}
const std::vector<std::string>& typeKeys() {
    static const std::vector<std::string> keys = {"name", "size", "pointers", "leading_pointers"};
    return keys;
}
const std::vector<std::string>& programKeys() {
    static const std::vector<std::string> keys = {"name", "ops"};
    return keys;
}
const std::vector<std::string>& goroutineKeys() {
    static const std::vector<std::string> keys = {"program", "count"};
    return keys;
}
const std::vector<std::string>& narrationKeys() {
    static const std::vector<std::string> keys = {"when", "caption", "go", "pause"};
    return keys;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string topLevelHint(std::string_view key) {
    if (contains(settingsKeys(), key))
        return " (" + std::string(key) + " belongs in [settings])";
    if (contains(scenarioKeys(), key))
        return " (" + std::string(key) + " belongs in [scenario])";
    return "";
}

std::string sectionHint(std::string_view key) {
    if (key == "globals")
        return " (globals is a top-level key: write globals = N before the first table)";
    return "";
}

std::string at(SourcePos p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

struct SchemaReader {
    SchemaReader(const TomlReader& reader, const toml::table& document, FileModel& model)
        : r(reader), doc(document), m(model) {}
    const TomlReader& r;
    const toml::table& doc;
    FileModel& m;
    std::map<std::string, SourcePos> params_, types_, programs_; // declared names, for duplicates

    void unique(std::map<std::string, SourcePos>& seen, const std::string& name, const toml::node& at,
                const char* what) {
        auto [it, fresh] = seen.emplace(name, TomlReader::pos(at));
        if (!fresh)
            r.fail(at, std::string(what) + " " + name + " is declared twice (first at " +
                           gclab::at(it->second) + ")");
    }

    void scenario() {
        const toml::node* n = doc.get("scenario");
        if (n == nullptr)
            r.fail(SourcePos{}, "missing the [scenario] table (with name and description)");
        const toml::table& t = r.table(*n, "scenario");
        r.onlyKeys(t, "[scenario]", scenarioKeys(), sectionHint);
        const toml::node& name = r.required(t, "[scenario]", "name", "a name like steady-state");
        m.name = r.string(name, "[scenario] name");
        if (!validScenarioName(m.name))
            r.fail(name,
                   "[scenario] name: expected lowercase letters, digits and dashes, like steady-state, got " +
                       quoted(m.name));
        m.description = r.line(r.required(t, "[scenario]", "description", "one line saying what it shows"),
                               "[scenario] description");
        if (m.description.size() > 240)
            r.fail(*t.get("description"),
                   "[scenario] description: expected one line of at most 240 bytes, got " +
                       std::to_string(m.description.size()));
    }

    void settings() {
        const toml::node* n = doc.get("settings");
        if (n == nullptr)
            return;
        const toml::table& t = r.table(*n, "settings");
        r.onlyKeys(t, "[settings]", settingsKeys(), sectionHint);
        if (const toml::node* v = t.get("gomaxprocs"))
            m.gomaxprocs =
                static_cast<std::uint32_t>(r.integer(*v, "[settings] gomaxprocs", 1, limits::maxGomaxprocs));
        if (const toml::node* v = t.get("gogc")) {
            if (v->is_string()) {
                if (r.string(*v, "[settings] gogc") != "off")
                    r.fail(*v, "[settings] gogc: expected an integer percentage or \"off\", got " +
                                   quoted(r.string(*v, "")));
                m.gogc = -1;
            } else if (v->is_integer()) {
                m.gogc = static_cast<std::int32_t>(r.integer(*v, "[settings] gogc", 0, limits::maxGogc));
            } else {
                r.fail(*v, "[settings] gogc: expected an integer percentage or \"off\", got " +
                               TomlReader::typeName(*v));
            }
        }
        if (const toml::node* v = t.get("gomemlimit"))
            m.memoryLimit = memoryLimit(*v);
        if (const toml::node* v = t.get("barrier")) {
            std::string b = r.string(*v, "[settings] barrier");
            auto mode = parseBarrierMode(b);
            if (!mode)
                r.fail(
                    *v,
                    "[settings] barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off, got " +
                        quoted(b));
            m.barrier = *mode;
        }
        if (const toml::node* v = t.get("seed"))
            m.seed = static_cast<std::uint64_t>(r.integer(*v, "[settings] seed", 0, INT64_MAX));
    }

    // memoryLimit reads GOMEMLIMIT as Go's readGOMEMLIMIT does: "off", or bytes with an optional suffix.
    std::int64_t memoryLimit(const toml::node& n) {
        if (n.is_integer())
            return r.integer(n, "[settings] gomemlimit", 0, INT64_MAX);
        const char* expected = "[settings] gomemlimit: expected \"off\" or a byte size like \"64MiB\" (a "
                               "non-negative integer with an optional B, KiB, MiB, GiB or TiB suffix), got ";
        if (!n.is_string())
            r.fail(n, expected + TomlReader::typeName(n));
        std::string s = r.string(n, "[settings] gomemlimit");
        std::int64_t v = 0;
        if (s == "off")
            return INT64_MAX;
        if (!parseByteSize(s, v))
            r.fail(n, expected + quoted(s));
        return v;
    }

    std::int64_t paramValue(const toml::node& n, ScenarioParam::Kind kind, const std::string& what) {
        if (kind == ScenarioParam::Kind::integer || n.is_integer()) {
            if (kind == ScenarioParam::Kind::bytes && !n.is_integer())
                r.fail(n, what + ": expected a byte size, an integer or a string like \"8MiB\", got " +
                              TomlReader::typeName(n));
            return r.integer(n, what, 0, limits::maxParamValue);
        }
        if (!n.is_string())
            r.fail(n, what + ": expected a byte size, an integer or a string like \"8MiB\", got " +
                          TomlReader::typeName(n));
        std::string s = r.string(n, what);
        std::int64_t v = 0;
        if (!parseByteSize(s, v) || v > limits::maxParamValue)
            r.fail(
                n,
                what +
                    ": expected a byte size like \"8MiB\" (a non-negative integer with an optional B, KiB, "
                    "MiB, GiB or TiB suffix), got " +
                    quoted(s));
        return v;
    }

    void params() {
        const toml::node* n = doc.get("params");
        if (n == nullptr)
            return;
        for (const toml::table* t : r.tables(*n, "params")) {
            r.onlyKeys(*t, "[[params]]", paramKeys(), sectionHint);
            ScenarioParam p;
            const toml::node& name = r.required(*t, "[[params]]", "name", "an identifier like live_bytes");
            p.name = r.string(name, "[[params]] name");
            if (!validIdentifier(p.name, ""))
                r.fail(name,
                       "[[params]] name: expected an identifier (letters, digits, _), got " + quoted(p.name));
            unique(params_, p.name, name, "parameter");
            if (const toml::node* k = t->get("kind")) {
                std::string kind = r.string(*k, "[[params]] kind");
                if (kind == "bytes")
                    p.kind = ScenarioParam::Kind::bytes;
                else if (kind != "integer")
                    r.fail(*k, "[[params]] kind: expected integer or bytes, got " + quoted(kind));
            }
            const toml::node& dflt = r.required(*t, "[[params]]", "default", "its value when not set");
            const toml::node& min = r.required(*t, "[[params]]", "min", "the smallest value allowed");
            const toml::node& max = r.required(*t, "[[params]]", "max", "the largest value allowed");
            p.min = paramValue(min, p.kind, "[[params]] min");
            p.max = paramValue(max, p.kind, "[[params]] max");
            p.defaultValue = paramValue(dflt, p.kind, "[[params]] default");
            if (p.max < p.min)
                r.fail(max, "[[params]] max: " + formatParamValue(p, p.max) + " is less than min " +
                                formatParamValue(p, p.min));
            if (p.defaultValue < p.min || p.defaultValue > p.max)
                r.fail(dflt, "[[params]] default: " + formatParamValue(p, p.defaultValue) +
                                 " is outside [min, max] = [" + formatParamValue(p, p.min) + ", " +
                                 formatParamValue(p, p.max) + "]");
            p.help = r.line(r.required(*t, "[[params]]", "help", "one line saying what it sets"),
                            "[[params]] help");
            m.params.push_back(std::move(p));
            m.paramPos.push_back(TomlReader::pos(*t));
        }
    }

    void types() {
        const toml::node* n = doc.get("types");
        if (n == nullptr)
            return;
        const std::vector<std::string> params = m.paramNames();
        for (const toml::table* t : r.tables(*n, "types")) {
            r.onlyKeys(*t, "[[types]]", typeKeys(), sectionHint);
            TypeDecl d;
            d.pos = TomlReader::pos(*t);
            const toml::node& name =
                r.required(*t, "[[types]]", "name", "a Go-style type name like Node or *Leaf");
            d.name = r.string(name, "[[types]] name");
            d.namePos = TomlReader::pos(name);
            if (!validTypeName(d.name))
                r.fail(name,
                       "[[types]] name: expected a Go-style type name (letters, digits, _ and ., optionally "
                       "after *), like Node or *Leaf, got " +
                           quoted(d.name));
            if (d.name == "tinyblock")
                r.fail(name, "[[types]] name: tinyblock is the runtime's own type for tiny-allocator blocks");
            unique(types_, d.name, name, "type");
            d.size = r.count(r.required(*t, "[[types]]", "size", "its size in bytes"),
                             "size of type " + d.name, params);
            const toml::node* ptrs = t->get("pointers");
            const toml::node* leading = t->get("leading_pointers");
            if (ptrs != nullptr && leading != nullptr) {
                const toml::node* second =
                    TomlReader::pos(*ptrs).line > TomlReader::pos(*leading).line ? ptrs : leading;
                r.fail(*second,
                       "[[types]]: give either pointers (a list of word indices) or leading_pointers (a "
                       "count), not both");
            }
            if (ptrs != nullptr)
                pointerList(*ptrs, d);
            if (leading != nullptr)
                d.leadingPointers = r.count(*leading, "leading_pointers of type " + d.name, params);
            m.types.push_back(std::move(d));
        }
    }

    void pointerList(const toml::node& n, TypeDecl& d) {
        const toml::array* a = n.as_array();
        if (a == nullptr)
            r.fail(n, "[[types]] pointers: expected an array of word indices like [0, 2], got " +
                          TomlReader::typeName(n));
        if (static_cast<std::int64_t>(a->size()) > limits::maxTypePointerWords)
            r.fail(n, "[[types]] pointers: a type has at most " +
                          std::to_string(limits::maxTypePointerWords) + " pointer words");
        std::map<std::uint32_t, SourcePos> words; // ascending, as the type's pointer bitmap
        for (const toml::node& e : *a) {
            auto w = static_cast<std::uint32_t>(
                r.integer(e, "[[types]] pointers", 0, limits::maxObjectBytes / 8 - 1));
            auto [it, fresh] = words.emplace(w, TomlReader::pos(e));
            if (!fresh)
                r.fail(e, "[[types]] pointers: word " + std::to_string(w) + " is listed twice (first at " +
                              at(it->second) + ")");
        }
        for (const auto& [w, p] : words) {
            d.pointers.push_back(w);
            d.pointerPos.push_back(p);
        }
    }

    void programs() {
        const toml::node* n = doc.get("programs");
        if (n == nullptr)
            r.fail(SourcePos{}, "missing [[programs]]: a scenario needs at least one program (name and ops)");
        std::vector<const toml::table*> tables = r.tables(*n, "programs");
        if (tables.empty())
            r.fail(*n, "programs: a scenario needs at least one [[programs]] table");
        for (const toml::table* t : tables) {
            r.onlyKeys(*t, "[[programs]]", programKeys(), sectionHint);
            ProgramDecl p;
            p.pos = TomlReader::pos(*t);
            const toml::node& name = r.required(*t, "[[programs]]", "name", "a name like main");
            p.name = r.string(name, "[[programs]] name");
            p.namePos = TomlReader::pos(name);
            if (!validIdentifier(p.name, "-"))
                r.fail(name,
                       "[[programs]] name: expected letters, digits, _ and -, starting with a letter, got " +
                           quoted(p.name));
            unique(programs_, p.name, name, "program");
            r.required(*t, "[[programs]]", "ops", "an array of op strings");
            m.programs.push_back(std::move(p));
        }
        const OpContext ctx(m);
        for (std::size_t i = 0; i < tables.size(); i++) {
            const toml::node& ops = *tables[i]->get("ops");
            const toml::array* a = ops.as_array();
            if (a == nullptr)
                r.fail(ops, "[[programs]] ops: expected an array of op strings like [\"frame 1\", \"new 0 "
                            "Node\"], got " +
                                TomlReader::typeName(ops));
            if (a->empty())
                r.fail(ops, "[[programs]] ops: a program needs at least one op");
            for (const toml::node& e : *a)
                m.programs[i].ops.push_back(parseOp(r.located(e, "[[programs]] ops"), ctx));
        }
    }

    void goroutines() {
        const toml::node* n = doc.get("goroutines");
        const std::vector<std::string> programs = m.programNames();
        if (n == nullptr)
            r.fail(m.programs.front().pos,
                   "missing [[goroutines]]: nothing would run; add [[goroutines]] with "
                   "program = " +
                       quoted(m.programs.front().name));
        std::vector<const toml::table*> tables = r.tables(*n, "goroutines");
        if (tables.empty())
            r.fail(*n, "goroutines: add at least one [[goroutines]] table, or nothing would run");
        const std::vector<std::string> params = m.paramNames();
        for (const toml::table* t : tables) {
            r.onlyKeys(*t, "[[goroutines]]", goroutineKeys(), sectionHint);
            GoroutinesDecl g;
            g.pos = TomlReader::pos(*t);
            const toml::node& prog = r.required(*t, "[[goroutines]]", "program", "the program they run");
            std::string name = r.string(prog, "[[goroutines]] program");
            auto it = std::find(programs.begin(), programs.end(), name);
            if (it == programs.end())
                r.fail(prog, "[[goroutines]] program: unknown program " + quoted(name) +
                                 didYouMean(name, programs) + "; programs: " + joined(programs));
            g.program = static_cast<std::uint32_t>(it - programs.begin());
            const toml::node* count = t->get("count");
            g.count = count != nullptr ? r.count(*count, "goroutine count", params) : literalCount(1, g.pos);
            m.goroutines.push_back(std::move(g));
        }
    }

    void narration() {
        const toml::node* n = doc.get("narration");
        if (n == nullptr)
            return;
        const std::vector<std::string> types = m.typeNames();
        for (const toml::table* t : r.tables(*n, "narration")) {
            r.onlyKeys(*t, "[[narration]]", narrationKeys(), sectionHint);
            NarrationBeat b;
            const toml::node& when = r.required(*t, "[[narration]]", "when",
                                                "start, tick:N, gc:N, phase:NAME, event:KIND or alloc:TYPE");
            LocatedString w = r.located(when, "[[narration]] when");
            checkNarrationWhen(w, m.file, types);
            b.when = w.text;
            b.caption = r.line(r.required(*t, "[[narration]]", "caption", "one line of text"),
                               "[[narration]] caption");
            if (const toml::node* go = t->get("go"))
                b.goSource = r.line(*go, "[[narration]] go");
            if (const toml::node* pause = t->get("pause"))
                b.pause = r.boolean(*pause, "[[narration]] pause");
            m.narration.push_back(std::move(b));
        }
    }
};

} // namespace

std::vector<std::string> FileModel::paramNames() const {
    std::vector<std::string> v;
    for (const ScenarioParam& p : params)
        v.push_back(p.name);
    return v;
}

std::vector<std::string> FileModel::typeNames() const {
    std::vector<std::string> v;
    for (const TypeDecl& t : types)
        v.push_back(t.name);
    return v;
}

std::vector<std::string> FileModel::programNames() const {
    std::vector<std::string> v;
    for (const ProgramDecl& p : programs)
        v.push_back(p.name);
    return v;
}

OpContext::OpContext(const FileModel& m)
    : file(m.file), types(m.typeNames()), programs(m.programNames()), params(m.paramNames()),
      globals(m.globals) {
    for (std::size_t i = 0; i < types.size(); i++)
        typeIndex.emplace(types[i], static_cast<std::uint32_t>(i));
    for (std::size_t i = 0; i < programs.size(); i++)
        programIndex.emplace(programs[i], static_cast<std::uint32_t>(i));
}

FileModel readScenarioToml(std::string_view text, const std::string& file) {
    if (static_cast<std::int64_t>(text.size()) > limits::maxFileBytes)
        throw ScenarioError(file, SourcePos{},
                            "the file is " + std::to_string(text.size()) +
                                " bytes; a scenario file is at most 1MiB");
    TomlReader r(text, file);
    toml::table doc = r.parse();
    FileModel m;
    m.file = file;
    r.onlyKeys(doc, "the top level", topKeys(), topLevelHint);
    SchemaReader s(r, doc, m);
    s.scenario();
    s.settings();
    if (const toml::node* g = doc.get("globals"))
        m.globals = static_cast<std::uint32_t>(r.integer(*g, "globals", 0, limits::maxGlobals));
    s.params();
    s.types();
    s.programs();
    s.goroutines();
    s.narration();
    return m;
}

} // namespace gclab
