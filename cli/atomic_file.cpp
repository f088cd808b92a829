#include "cli/atomic_file.h"

#include "cli/run_observer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace gclab::cli {

AtomicFile::AtomicFile(std::string path, std::string what) : path_(std::move(path)), what_(std::move(what)) {
    std::string pattern = path_ + ".tmp.XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = mkstemp(name.data());
    if (fd < 0)
        fail("cannot create", errno);
    // mkstemp makes the file private; give it the permissions a newly created file gets.
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    tmp_ = name.data();
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) {
        int e = errno;
        std::remove(tmp_.c_str());
        fail("cannot create", e);
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        std::remove(tmp_.c_str());
    }
}

void AtomicFile::commit() {
    out_.flush();
    if (!out_)
        fail("cannot write", errno);
    out_.close();
    if (!out_)
        fail("cannot write", errno);
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
        fail("cannot rename the finished file onto it", errno);
    committed_ = true;
}

void AtomicFile::fail(const std::string& action, int errnum) const {
    std::string reason = errnum != 0 ? std::strerror(errnum) : "I/O error";
    throw ExportError("gclab: " + what_ + " " + path_ + ": " + action + ": " + reason);
}

} // namespace gclab::cli
