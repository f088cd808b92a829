// gclab — basic integer types and the "sim: ..." failure path shared by every model file.
//
// Models: the runtime's throw() (src/runtime/panic.go): a broken invariant stops the model with a
// message naming it. Unlike Go, the model throws a C++ exception so that tests, the CLI and the
// window can report the failure instead of aborting the process.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace gclab {

// uintptr is a simulated address or byte count, exactly as wide as Go's uintptr on linux/amd64.
using uintptr = std::uint64_t;

// RuntimeThrow is raised when the model detects a state the real runtime would throw() on.
class RuntimeThrow : public std::logic_error {
  public:
    using std::logic_error::logic_error;
};

// simThrow reports a broken invariant; the message is prefixed with "sim: " as Go prefixes "runtime: ".
[[noreturn]] void simThrow(const std::string& what);

constexpr uintptr alignUp(uintptr n, uintptr a) { return (n + a - 1) & ~(a - 1); }
constexpr uintptr alignDown(uintptr n, uintptr a) { return n & ~(a - 1); }
constexpr uintptr divRoundUp(uintptr n, uintptr a) { return (n + a - 1) / a; }

} // namespace gclab

// SIM_CHECK(cond, what): a cheap invariant that is always checked, in every build type.
#define SIM_CHECK(cond, what)                                                                                \
    do {                                                                                                     \
        if (!(cond))                                                                                         \
            ::gclab::simThrow(what);                                                                         \
    } while (0)
