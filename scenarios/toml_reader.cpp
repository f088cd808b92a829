#include "scenarios/toml_reader.h"

#include "scenarios/diagnostic_text.h"
#include "scenarios/toml_ascii.h"

#include <algorithm>

namespace gclab {

TomlReader::TomlReader(std::string_view source, const std::string& file) : source_(source), file_(file) {
    if (source_.substr(0, 3) == "\xEF\xBB\xBF")
        source_.remove_prefix(3);
    AsciiCopy copy = asciiCopy(source_);
    ascii_ = std::move(copy.text);
    invalidUtf8_ = copy.invalidUtf8;
}

toml::table TomlReader::parse() const {
    if (invalidUtf8_ != std::string::npos)
        fail(positionOf(source_, invalidUtf8_), "TOML: the file is not valid UTF-8 here");
    try {
        return toml::parse(ascii_, std::string_view(file_));
    } catch (const toml::parse_error& e) {
        const SourcePos p = pos(e.source());
        std::string msg(e.description());
        std::replace(msg.begin(), msg.end(), '\n', ' ');
        std::replace(msg.begin(), msg.end(), '\r', ' ');
        // toml++ saw the stand-in for a non-ASCII character: name the character it stands for.
        std::size_t off = 0;
        if (byteOffset(source_, p, off) && static_cast<unsigned char>(source_[off]) >= 0x80) {
            std::size_t end = off + 1;
            while (end < source_.size() && (static_cast<unsigned char>(source_[end]) & 0xC0) == 0x80)
                end++;
            const std::string standIn = std::string("'") + nonAsciiStandIn + "'";
            const std::string original = "'" + std::string(source_.substr(off, end - off)) + "'";
            for (std::size_t at = msg.find(standIn); at != std::string::npos; at = msg.find(standIn, at + 1))
                msg.replace(at, standIn.size(), original);
        }
        fail(p, "TOML: " + msg);
    }
}

std::string TomlReader::keyText(const toml::key& k) const {
    std::size_t off = 0;
    if (byteOffset(source_, pos(k), off) && (source_[off] == '"' || source_[off] == '\''))
        return locateTomlString(source_, pos(k), std::string(k.str())).text;
    return std::string(k.str());
}

SourcePos TomlReader::pos(const toml::source_region& r) {
    return SourcePos{std::max<std::uint32_t>(r.begin.line, 1), std::max<std::uint32_t>(r.begin.column, 1)};
}

std::string TomlReader::typeName(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a float";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    default:
        return "nothing";
    }
}

std::vector<std::pair<const toml::key*, const toml::node*>> TomlReader::entries(const toml::table& t) {
    std::vector<std::pair<const toml::key*, const toml::node*>> out;
    for (auto&& [k, v] : t)
        out.emplace_back(&k, &v);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        SourcePos pa = pos(*a.first), pb = pos(*b.first);
        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    return out;
}

void TomlReader::onlyKeys(const toml::table& t, std::string_view where,
                          const std::vector<std::string>& allowed,
                          std::string (*hint)(std::string_view key)) const {
    for (const auto& [k, v] : entries(t)) {
        std::string_view key = k->str();
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
            continue;
        std::string extra = hint != nullptr ? hint(key) : "";
        fail(pos(*k), "unknown key " + quoted(keyText(*k)) + " in " + std::string(where) +
                          (extra.empty() ? didYouMean(key, allowed) : extra) +
                          "; allowed keys: " + joined(allowed));
    }
}

const toml::node& TomlReader::required(const toml::table& t, std::string_view where, std::string_view key,
                                       std::string_view expected) const {
    if (const toml::node* n = t.get(key))
        return *n;
    fail(pos(t),
         std::string(where) + " is missing the key " + std::string(key) + " (" + std::string(expected) + ")");
}

const toml::table& TomlReader::table(const toml::node& n, std::string_view what) const {
    if (const toml::table* t = n.as_table())
        return *t;
    fail(n, std::string(what) + ": expected a table, got " + typeName(n));
}

std::vector<const toml::table*> TomlReader::tables(const toml::node& n, std::string_view name) const {
    const toml::array* a = n.as_array();
    if (a == nullptr)
        fail(n, std::string(name) + ": expected [[" + std::string(name) + "]] tables, got " + typeName(n));
    std::vector<const toml::table*> out;
    for (const toml::node& e : *a) {
        const toml::table* t = e.as_table();
        if (t == nullptr)
            fail(e,
                 std::string(name) + ": expected a [[" + std::string(name) + "]] table, got " + typeName(e));
        out.push_back(t);
    }
    return out;
}

std::string TomlReader::string(const toml::node& n, std::string_view what) const {
    return located(n, what).text;
}

std::string TomlReader::line(const toml::node& n, std::string_view what) const {
    LocatedString s = located(n, what);
    if (s.text.find_first_not_of(" \t") == std::string::npos)
        fail(n, std::string(what) + ": expected one line of text, got an empty string");
    for (std::size_t i = 0; i < s.text.size(); i++)
        if (s.text[i] == '\n' || s.text[i] == '\r')
            fail(s.pos(i), std::string(what) + ": expected one line of text, got a line break");
    return s.text;
}

std::int64_t TomlReader::integer(const toml::node& n, std::string_view what, std::int64_t lo,
                                 std::int64_t hi) const {
    const auto* v = n.as_integer();
    if (v == nullptr)
        fail(n, std::string(what) + ": expected an integer from " + std::to_string(lo) + " to " +
                    std::to_string(hi) + ", got " + typeName(n));
    if (v->get() < lo || v->get() > hi)
        fail(n, std::string(what) + ": expected an integer from " + std::to_string(lo) + " to " +
                    std::to_string(hi) + ", got " + std::to_string(v->get()));
    return v->get();
}

bool TomlReader::boolean(const toml::node& n, std::string_view what) const {
    const auto* v = n.as_boolean();
    if (v == nullptr)
        fail(n, std::string(what) + ": expected true or false, got " + typeName(n));
    return v->get();
}

LocatedString TomlReader::located(const toml::node& n, std::string_view what) const {
    if (const auto* s = n.as_string())
        return locateTomlString(source_, pos(n), s->get());
    fail(n, std::string(what) + ": expected a string, got " + typeName(n));
}

CountExpr TomlReader::count(const toml::node& n, std::string_view what,
                            const std::vector<std::string>& params) const {
    if (const auto* v = n.as_integer())
        return literalCount(v->get(), pos(n));
    if (n.is_string()) {
        LocatedString s = located(n, what);
        return parseCountExpr(s, 0, s.text.size(), params, file_, what);
    }
    fail(n, std::string(what) +
                ": expected an integer or a string holding a count expression (like "
                "\"live_bytes / object_size\"), got " +
                typeName(n));
}

} // namespace gclab
