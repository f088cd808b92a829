#include "scenarios/source_text.h"

#include "scenarios/toml_ascii.h"

#include <algorithm>

namespace gclab {

ScenarioError::ScenarioError(const std::string& f, SourcePos p, const std::string& m)
    : std::runtime_error(f + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + m),
      file(f), pos(p), message(m) {}

SourcePos LocatedString::pos(std::size_t i) const {
    if (at.empty())
        return SourcePos{};
    return at[std::min(i, at.size() - 1)];
}

LocatedString locatedAt(std::string text, SourcePos pos) {
    LocatedString s;
    s.at.assign(text.size() + 1, pos);
    s.text = std::move(text);
    return s;
}

namespace {

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// RawCursor walks the raw bytes of a TOML token and knows each byte's source position.
struct RawCursor {
    std::string_view src;
    std::size_t i = 0;
    SourcePos pos;

    bool atEnd() const { return i >= src.size(); }
    char peek(std::size_t k = 0) const { return i + k < src.size() ? src[i + k] : '\0'; }
    void advance() {
        if (atEnd())
            return;
        char c = src[i++];
        if (c == '\n') {
            pos.line++;
            pos.column = 1;
        } else if (!atEnd() && !isContinuation(src[i])) {
            pos.column++;
        }
    }
    bool startsWith(std::string_view s) const { return src.substr(i, s.size()) == s; }
};

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Decoder turns the raw token into bytes with positions; false when the token is not understood.
// asToml is the same string as toml++ decodes it from the ASCII copy of the file (toml_ascii.h).
struct Decoder {
    RawCursor cur;
    LocatedString out;
    std::string asToml;

    // emit appends a byte of the source.
    void emit(char c, SourcePos p) {
        out.text += c;
        out.at.push_back(p);
        if (static_cast<unsigned char>(c) < 0x80)
            asToml += c;
        else if (!isContinuation(c))
            asToml += nonAsciiStandIn;
    }
    // emitBytes appends what an escape sequence decodes to.
    void emitBytes(const std::string& bytes, SourcePos p) {
        for (char c : bytes) {
            out.text += c;
            out.at.push_back(p);
        }
        asToml += bytes;
    }
    // escape decodes a backslash escape at the cursor (basic strings).
    bool escape() {
        SourcePos p = cur.pos;
        cur.advance(); // the backslash
        char e = cur.peek();
        cur.advance();
        switch (e) {
        case 'b':
            emit('\b', p);
            return true;
        case 't':
            emit('\t', p);
            return true;
        case 'n':
            emit('\n', p);
            return true;
        case 'f':
            emit('\f', p);
            return true;
        case 'r':
            emit('\r', p);
            return true;
        case 'e':
            emit('\x1b', p);
            return true;
        case '"':
            emit('"', p);
            return true;
        case '\\':
            emit('\\', p);
            return true;
        case 'x':
        case 'u':
        case 'U': {
            int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            std::uint32_t cp = 0;
            for (int k = 0; k < digits; k++) {
                int h = hexValue(cur.peek());
                if (h < 0)
                    return false;
                cp = cp * 16 + static_cast<std::uint32_t>(h);
                cur.advance();
            }
            if (cp > 0x10FFFF)
                return false;
            std::string bytes;
            appendUtf8(bytes, cp);
            emitBytes(bytes, p);
            return true;
        }
        default:
            return false;
        }
    }
    // lineEndingBackslash: in a multi-line basic string, `\` then blanks then a newline trims all
    // whitespace up to the next non-blank character.
    bool lineEndingBackslash() {
        std::size_t k = 1;
        while (cur.peek(k) == ' ' || cur.peek(k) == '\t')
            k++;
        if (cur.peek(k) != '\n' && !(cur.peek(k) == '\r' && cur.peek(k + 1) == '\n'))
            return false;
        cur.advance(); // the backslash
        while (!cur.atEnd() &&
               (cur.peek() == ' ' || cur.peek() == '\t' || cur.peek() == '\n' || cur.peek() == '\r'))
            cur.advance();
        return true;
    }
    void skipFirstNewline() {
        if (cur.peek() == '\n') {
            cur.advance();
        } else if (cur.peek() == '\r' && cur.peek(1) == '\n') {
            cur.advance();
            cur.advance();
        }
    }
    bool run() {
        bool basic = cur.peek() == '"';
        if (!basic && cur.peek() != '\'')
            return false;
        const char q = cur.peek();
        const bool multi = cur.peek(1) == q && cur.peek(2) == q;
        if (multi) {
            cur.advance();
            cur.advance();
            cur.advance();
            skipFirstNewline();
        } else {
            cur.advance();
        }
        while (!cur.atEnd()) {
            char c = cur.peek();
            if (c == q) {
                if (!multi) {
                    out.at.push_back(cur.pos);
                    return true;
                }
                std::size_t run = 0;
                while (cur.peek(run) == q)
                    run++;
                if (run >= 3) {
                    for (std::size_t k = 0; k < run - 3; k++) {
                        emit(q, cur.pos);
                        cur.advance();
                    }
                    out.at.push_back(cur.pos);
                    return true;
                }
                for (std::size_t k = 0; k < run; k++) {
                    emit(q, cur.pos);
                    cur.advance();
                }
                continue;
            }
            if (basic && c == '\\') {
                if (multi && lineEndingBackslash())
                    continue;
                if (!escape())
                    return false;
                continue;
            }
            if (multi && c == '\r' && cur.peek(1) == '\n') {
                cur.advance();
                emit('\n', cur.pos);
                cur.advance();
                continue;
            }
            if (!multi && c == '\n')
                return false;
            emit(c, cur.pos);
            cur.advance();
        }
        return false;
    }
};

} // namespace

bool byteOffset(std::string_view src, SourcePos p, std::size_t& off) {
    std::size_t i = 0;
    for (std::uint32_t line = 1; line < p.line; line++) {
        std::size_t nl = src.find('\n', i);
        if (nl == std::string_view::npos)
            return false;
        i = nl + 1;
    }
    for (std::uint32_t col = 1; col < p.column; col++) {
        if (i >= src.size() || src[i] == '\n')
            return false;
        i++;
        while (i < src.size() && isContinuation(src[i]))
            i++;
    }
    off = i;
    return i < src.size();
}

SourcePos positionOf(std::string_view source, std::size_t offset) {
    SourcePos p;
    for (std::size_t i = 0; i < offset && i < source.size(); i++) {
        if (source[i] == '\n') {
            p.line++;
            p.column = 1;
        } else if (!isContinuation(source[i])) {
            p.column++;
        }
    }
    return p;
}

LocatedString locateTomlString(std::string_view source, SourcePos start, std::string tomlValue) {
    std::size_t off = 0;
    if (byteOffset(source, start, off)) {
        Decoder d;
        d.cur.src = source;
        d.cur.i = off;
        d.cur.pos = start;
        if (d.run() && d.asToml == tomlValue)
            return std::move(d.out);
    }
    return locatedAt(std::move(tomlValue), start);
}

} // namespace gclab
