// gclab-gui — what the allocator view shows, read from the model through its visitor (sim/visit.h):
// per P its mcache (the span it holds per span class, the tiny block) and its latest allocation; per
// span class in use the mcentral's four span sets; and the path of the latest allocation, lit stage by
// stage. Pure C++ (unit-tested against the model); view_allocator.cpp draws it.
#pragma once

#include "sim/allocpath.h"
#include "sim/runtime.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace gclab::render {

// CentralSet names the four spanSets of an mcentral, in the order the view draws them.
enum class CentralSet : std::uint8_t { partialSwept, partialUnswept, fullSwept, fullUnswept };
inline constexpr int numCentralSets = 4;

// MCacheCell is what one P's mcache holds for one span class (mcache.alloc[spanclass]).
struct MCacheCell {
    SpanId span = emptymspan; // emptymspan: nothing cached
    std::uint32_t allocCount = 0;
    std::uint32_t nelems = 0;
    uintptr base = 0;
};

// ClassRow is one span class that holds at least one span: cached by a P or in an mcentral set.
struct ClassRow {
    SpanClass spanclass;
    std::vector<MCacheCell> mcache;                       // indexed by P id
    std::array<std::vector<SpanId>, numCentralSets> sets; // each set head first
};

struct TinyBlock {
    uintptr tiny = 0;       // mcache.tiny: the current 16-byte block, 0 if none
    uintptr tinyoffset = 0; // mcache.tinyoffset: bytes of it used
};

struct AllocatorState {
    std::vector<ClassRow> rows;         // the span classes in use, ascending
    std::size_t foldedClasses = 0;      // span classes holding no span (not shown)
    std::vector<TinyBlock> tiny;        // per P
    std::vector<AllocRecord> lastAlloc; // per P: its latest allocation (path.stages == 0: none yet)
    // currentP is the P with the latest allocation of all (highest tick, the lower P id on a tie).
    std::optional<std::uint32_t> currentP;

    const AllocRecord* current() const { return currentP ? &lastAlloc[*currentP] : nullptr; }
};

AllocatorState readAllocatorState(const Runtime& rt);

// pathStages lists the stages an allocation visited, in the order it entered them.
std::vector<AllocStage> pathStages(const AllocPath& path);

// PathAnimation lights the stages of the latest allocation's path one after another. The time is the
// sum of the frame times it is given (headless frames are a fixed 1/60 s, so screenshots are
// deterministic); the allocation shown when the view first appears is drawn complete at once.
class PathAnimation {
  public:
    static constexpr double stageSeconds = 0.15;

    // update is called once per frame with the current allocation (nullptr: none) and the frame time;
    // maxStageSeconds caps a stage's time (while playing: so that a path completes before the next).
    void update(const std::optional<std::uint32_t>& p, const AllocRecord* rec, double dt,
                double maxStageSeconds);
    // lit is how many of the first n stages of the path are lit now (n once the animation is over).
    std::size_t lit(std::size_t n) const;

  private:
    bool seen_ = false;
    std::optional<std::uint32_t> p_;
    AllocRecord rec_;
    double elapsed_ = 0;
    double stageSeconds_ = stageSeconds;
    bool complete_ = true;
};

} // namespace gclab::render
