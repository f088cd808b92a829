// When a narration beat is shown: start, tick:N, gc:N, phase:NAME, event:KIND, alloc:TYPE
// (scenarios/scenario.h).
#include "sim/event.h"

#include "scenarios/diagnostic_text.h"
#include "scenarios/param_value.h"
#include "scenarios/scenario_model.h"

namespace gclab {

std::vector<std::string> eventKindNames() {
    std::vector<std::string> names;
    for (int k = 0; k < 256; k++) {
        std::string_view n = eventKindName(static_cast<EventKind>(k));
        if (n != "?")
            names.emplace_back(n);
    }
    return names;
}

void checkNarrationWhen(const LocatedString& s, const std::string& file,
                        const std::vector<std::string>& types) {
    const std::string& w = s.text;
    if (w == "start")
        return;
    const std::size_t colon = w.find(':');
    const std::string kind = w.substr(0, colon);
    const std::string value = colon == std::string::npos ? "" : w.substr(colon + 1);
    auto fail = [&](std::size_t at, const std::string& msg) { throw ScenarioError(file, s.pos(at), msg); };
    const std::vector<std::string> kinds = {"start", "tick", "gc", "phase", "event", "alloc"};
    if (colon == std::string::npos || kind == "start") {
        fail(0, "when: expected start, tick:N, gc:N, phase:mark|marktermination|off, event:KIND or "
                "alloc:TYPE, got " +
                    quoted(w) + didYouMean(kind, kinds));
    }
    const std::size_t at = colon + 1;
    std::int64_t n = 0;
    if (kind == "tick" || kind == "gc") {
        if (!parseCount(value, n) || (kind == "gc" && n < 1))
            fail(at, "when: expected " + kind + ":N with N " +
                         (kind == "gc" ? "a cycle number from 1" : "a tick count") + ", got " +
                         quoted(value));
        return;
    }
    if (kind == "phase") {
        if (value != "mark" && value != "marktermination" && value != "off")
            fail(at, "when: unknown phase " + quoted(value) +
                         didYouMean(value, {"mark", "marktermination", "off"}) +
                         "; phases: mark, marktermination, off");
        return;
    }
    if (kind == "event") {
        std::vector<std::string> names = eventKindNames();
        for (const std::string& e : names)
            if (e == value)
                return;
        fail(at, "when: unknown event kind " + quoted(value) + didYouMean(value, names) +
                     "; kinds: " + joined(names));
    }
    if (kind == "alloc") {
        for (const std::string& t : types)
            if (t == value)
                return;
        fail(at, "when: unknown type " + quoted(value) + didYouMean(value, types) +
                     (types.empty() ? "; the file declares no [[types]]" : "; types: " + joined(types)));
    }
    fail(0, "when: unknown moment " + quoted(kind) + didYouMean(kind, kinds) +
                "; expected start, tick:N, gc:N, phase:mark|marktermination|off, event:KIND or alloc:TYPE");
}

} // namespace gclab
