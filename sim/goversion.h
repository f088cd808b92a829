// gclab — which Go release the model follows where releases differ.
//
// Models: no Go source; a profile switch. docs/pacer.md ("What --go-version changes") lists exactly
// what each profile changes, in the pacer, the scavenger and the span layout (spanlayout.h).
#pragma once

#include <cstdint>

namespace gclab {

enum class GoVersion : std::uint8_t { go1_19, go1_26 };

} // namespace gclab
