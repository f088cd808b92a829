// gclab — a progress line on stderr for long runs, drawn only when stderr is a terminal.
//
// Progress is virtual (ticks, cycles, finished runs); the wall clock only limits how often the line is
// redrawn and never reaches the model.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace gclab::cli {

bool stderrIsTerminal();

class ProgressLine {
  public:
    // A disabled line draws nothing; gclab enables it when stderrIsTerminal().
    ProgressLine(std::ostream& out, bool enabled);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    bool enabled() const { return enabled_; }
    // due says whether to redraw now: enabled, and 100 ms of wall time since the last redraw or the
    // start (so a short run draws nothing), checked on every 1024th call (one call per simulated step).
    bool due();
    // draw redraws the line as "[#####     ]  42% done/total detail" (total 0: the count only).
    void draw(std::uint64_t done, std::uint64_t total, const std::string& detail);
    // clear erases the line (also done on destruction) so that the next output starts clean.
    void clear();

    // render is the text of one redraw, without the leading carriage return.
    static std::string render(std::uint64_t done, std::uint64_t total, const std::string& detail);

  private:
    std::ostream& out_;
    bool enabled_;
    bool drawn_ = false;
    std::uint32_t calls_ = 0;
    std::chrono::steady_clock::time_point last_;
};

} // namespace gclab::cli
