#include "cli/progress.h"

#include <unistd.h>

#include <ostream>

namespace gclab::cli {

bool stderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(std::ostream& out, bool enabled)
    : out_(out), enabled_(enabled), last_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { clear(); }

std::string ProgressLine::render(std::uint64_t done, std::uint64_t total, const std::string& detail) {
    constexpr int width = 30;
    std::string s;
    if (total > 0) {
        std::uint64_t capped = done < total ? done : total;
        int filled = static_cast<int>(capped * width / total);
        s = "[" + std::string(static_cast<std::size_t>(filled), '#') +
            std::string(static_cast<std::size_t>(width - filled), ' ') + "] ";
        std::string pct = std::to_string(capped * 100 / total);
        s += std::string(3 - pct.size(), ' ') + pct + "% ";
        s += std::to_string(done) + "/" + std::to_string(total);
    } else {
        s = std::to_string(done);
    }
    if (!detail.empty())
        s += " " + detail;
    return s;
}

bool ProgressLine::due() {
    if (!enabled_ || calls_++ % 1024 != 0)
        return false;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100))
        return false;
    last_ = now;
    return true;
}

void ProgressLine::draw(std::uint64_t done, std::uint64_t total, const std::string& detail) {
    if (!enabled_)
        return;
    out_ << "\r\x1b[K" << render(done, total, detail) << std::flush;
    drawn_ = true;
}

void ProgressLine::clear() {
    if (!drawn_)
        return;
    out_ << "\r\x1b[K" << std::flush;
    drawn_ = false;
}

} // namespace gclab::cli
