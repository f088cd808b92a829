// gclab — typed access to a parsed TOML document with one-line FILE:LINE:COL errors.
//
// Wraps toml++ (3.3, <toml++/toml.h>): every accessor either returns the value or throws
// ScenarioError at the node (or key) and says what was expected. Keys are visited in source order,
// so that of several mistakes the first one written is reported.
#pragma once

#include "scenarios/count_expr.h"
#include "scenarios/source_text.h"

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gclab {

class TomlReader {
  public:
    // source is the file's text; a UTF-8 byte order mark at its start is skipped.
    TomlReader(std::string_view source, const std::string& file);

    // parse parses the whole document (toml++ reads its ASCII copy, toml_ascii.h); a TOML syntax error
    // or ill-formed UTF-8 becomes a ScenarioError.
    toml::table parse() const;

    const std::string& file() const { return file_; }
    static SourcePos pos(const toml::source_region& r);
    static SourcePos pos(const toml::node& n) { return pos(n.source()); }
    static SourcePos pos(const toml::key& k) { return pos(k.source()); }
    [[noreturn]] void fail(SourcePos p, const std::string& msg) const { throw ScenarioError(file_, p, msg); }
    [[noreturn]] void fail(const toml::node& n, const std::string& msg) const { fail(pos(n), msg); }

    // typeName is "a string", "an integer", ... for messages.
    static std::string typeName(const toml::node& n);

    // keyText is a key as written in the source (quoted keys may hold non-ASCII text).
    std::string keyText(const toml::key& k) const;

    // entries lists a table's keys and values in source order.
    static std::vector<std::pair<const toml::key*, const toml::node*>> entries(const toml::table& t);

    // onlyKeys rejects the first key (in source order) that is not in allowed; hint(key) may add a
    // sentence for a known mistake.
    void onlyKeys(const toml::table& t, std::string_view where, const std::vector<std::string>& allowed,
                  std::string (*hint)(std::string_view key) = nullptr) const;

    // required returns t[key] or fails at the table naming the missing key.
    const toml::node& required(const toml::table& t, std::string_view where, std::string_view key,
                               std::string_view expected) const;

    const toml::table& table(const toml::node& n, std::string_view what) const;
    // tables returns the tables of an array of tables ([[name]]).
    std::vector<const toml::table*> tables(const toml::node& n, std::string_view name) const;

    std::string string(const toml::node& n, std::string_view what) const;
    // line is a one-line, non-empty string.
    std::string line(const toml::node& n, std::string_view what) const;
    std::int64_t integer(const toml::node& n, std::string_view what, std::int64_t lo, std::int64_t hi) const;
    bool boolean(const toml::node& n, std::string_view what) const;
    // located returns a string value with the source position of each byte.
    LocatedString located(const toml::node& n, std::string_view what) const;
    // count reads a count: a TOML integer or a string holding a count expression.
    CountExpr count(const toml::node& n, std::string_view what, const std::vector<std::string>& params) const;

  private:
    std::string_view source_;
    std::string ascii_; // what toml++ parses: source_ with '~' for each non-ASCII code point
    std::size_t invalidUtf8_ = std::string::npos;
    std::string file_;
};

} // namespace gclab
