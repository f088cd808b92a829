// gclab — a scenario file after parsing: declarations with their source positions.
//
// scenario_toml.cpp reads the TOML document into a FileModel, scenario_ops.cpp parses each op
// string, program_check.cpp checks programs statically, and scenario_build.cpp evaluates the counts
// with parameter values and builds the Runtime. docs/scenario-format.md describes the format.
#pragma once

#include "sim/mbarrier.h"
#include "sim/program.h"

#include "scenarios/count_expr.h"
#include "scenarios/scenario.h"
#include "scenarios/source_text.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gclab {

// Limits of the format (docs/scenario-format.md, "Limits").
namespace scenario_limits {
inline constexpr std::int64_t maxFileBytes = std::int64_t{1} << 20;
inline constexpr std::int64_t maxGomaxprocs = 256;
inline constexpr std::int64_t maxGogc = 1'000'000;
inline constexpr std::int64_t maxGlobals = 65536;
inline constexpr std::int64_t maxFrameSlots = 65536; // frame/ret size; locals are below it
inline constexpr std::int64_t maxLoopCount = std::int64_t{1} << 40;
inline constexpr std::int64_t maxObjectBytes = std::int64_t{1} << 30; // a type's size, a newarray
inline constexpr std::int64_t maxTypePointerWords = 65536;
inline constexpr std::int64_t maxArrayPointers = std::int64_t{1} << 24; // pointers in one newarray
inline constexpr std::int64_t maxGoroutines = 100'000;                  // over all [[goroutines]]
inline constexpr std::int64_t maxField = std::int64_t{1} << 24;         // a pointer-field index
inline constexpr std::int64_t maxParamValue = std::int64_t{1} << 62;
} // namespace scenario_limits

struct TypeDecl {
    std::string name;
    SourcePos pos;     // the [[types]] entry
    SourcePos namePos; // its name value
    CountExpr size;
    std::vector<std::uint32_t> pointers;      // pointer word indices, ascending (pointers = [...])
    std::vector<SourcePos> pointerPos;        // where each of them is written
    std::optional<CountExpr> leadingPointers; // or: the first N words are pointers

    // staticPointers is the number of pointer words when known without parameter values, else -1.
    std::int64_t staticPointers() const {
        if (!leadingPointers)
            return static_cast<std::int64_t>(pointers.size());
        return leadingPointers->isLiteral() ? leadingPointers->rpn[0].value : -1;
    }
};

// OpDecl is one op string: an Op of sim/program.h before types, programs and counts are resolved.
struct OpDecl {
    OpCode code = OpCode::yield;
    std::uint32_t a = 0; // as in sim/program.h: locals, globals, fields
    std::uint32_t b = 0;
    std::uint32_t c = 0;        // nilLocal: nil
    bool guard = false;         // guardNil: skip when the object local is nil
    std::uint32_t type = 0;     // new, newarray: index into FileModel::types
    std::uint32_t program = 0;  // go: index into FileModel::programs
    CountExpr count;            // frame, ret, loop, newarray length
    SourcePos pos;              // where its op name is written
    SourcePos posA, posB, posC; // where operands a, b and c are written
};

struct ProgramDecl {
    std::string name;
    SourcePos pos;
    SourcePos namePos;
    std::vector<OpDecl> ops;
};

struct GoroutinesDecl {
    std::uint32_t program = 0;
    SourcePos pos;
    CountExpr count;
};

struct FileModel {
    std::string file;
    std::string name;
    std::string description;
    std::uint32_t gomaxprocs = 1;
    std::int32_t gogc = 100;                           // < 0: off
    std::int64_t memoryLimit = Scenario{}.memoryLimit; // GOMEMLIMIT; INT64_MAX: off
    BarrierMode barrier = BarrierMode::hybrid;
    std::uint64_t seed = 1;
    std::uint32_t globals = 0;
    std::vector<ScenarioParam> params;
    std::vector<SourcePos> paramPos; // each [[params]] entry
    std::vector<NarrationBeat> narration;
    std::vector<TypeDecl> types;
    std::vector<ProgramDecl> programs;
    std::vector<GoroutinesDecl> goroutines;

    std::vector<std::string> paramNames() const;
    std::vector<std::string> typeNames() const;
    std::vector<std::string> programNames() const;
};

// readScenarioToml parses the TOML text into a FileModel, op strings included; throws ScenarioError.
FileModel readScenarioToml(std::string_view text, const std::string& file);

// OpContext is what an op string may name.
struct OpContext {
    OpContext(const FileModel& m);
    const std::string& file;
    std::vector<std::string> types;
    std::vector<std::string> programs;
    std::vector<std::string> params;
    std::map<std::string, std::uint32_t> typeIndex;
    std::map<std::string, std::uint32_t> programIndex;
    std::uint32_t globals = 0;
};

// parseOp parses one op string (sim/program.h's op set); throws ScenarioError pointing into it.
OpDecl parseOp(const LocatedString& s, const OpContext& ctx);

// checkProgram checks loop/end nesting, frame bounds, known nil objects and pointer-field indices
// where they are known without running; throws ScenarioError.
void checkProgram(const FileModel& m, const ProgramDecl& p);

// EvaluatedScenario is a FileModel with every count evaluated for one set of parameter values.
struct EvaluatedScenario {
    struct Type {
        std::string name;
        uintptr size = 0;
        std::vector<std::uint32_t> ptrWords;
    };
    std::vector<Type> types;
    std::vector<Program> programs; // newobj/newarray b: index into types; go a: index into programs
    std::vector<std::pair<std::uint32_t, std::uint32_t>> goroutines; // program, count
    std::uint32_t globals = 0;
};

// evaluateScenario fills in missing parameters with defaults, checks every value against its range
// and evaluates every count; throws ScenarioError.
EvaluatedScenario evaluateScenario(const FileModel& m, const ParamValues& values);

// eventKindNames lists every event kind name of sim/event.cpp (what event:KIND may name).
std::vector<std::string> eventKindNames();

// checkNarrationWhen checks a narration beat's `when` (alloc:TYPE must name one of types); throws
// ScenarioError pointing into it.
void checkNarrationWhen(const LocatedString& when, const std::string& file,
                        const std::vector<std::string>& types);

// buildScenario adds an evaluated scenario's types, globals, programs and goroutines to rt.
void buildScenario(const EvaluatedScenario& e, Runtime& rt);

} // namespace gclab
