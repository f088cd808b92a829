// gclab — an output file that appears whole or not at all.
#pragma once

#include <fstream>
#include <string>

namespace gclab::cli {

// AtomicFile writes to a temporary file next to path; commit() flushes it and renames it over path.
// Without commit() (an error, an early exit) the destructor removes the temporary file, so path is
// never left half-written. Errors throw ExportError naming what (an option like --pprof) and path.
class AtomicFile {
  public:
    AtomicFile(std::string path, std::string what);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& out() { return out_; }
    void commit();

  private:
    [[noreturn]] void fail(const std::string& action, int errnum) const;

    std::string path_;
    std::string what_;
    std::string tmp_;
    std::ofstream out_;
    bool committed_ = false;
};

} // namespace gclab::cli
