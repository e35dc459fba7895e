// The plumbing runImage and PreforkedHost share: descriptors that close
// themselves, the pipes a host child reports and writes through, and
// collecting what the child did (report stream, captured output, exit
// status) until it has ended.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tide/jit/jit_session.h"

namespace tide::jit::detail {

inline constexpr int kChildObjectFd = 3;
inline constexpr int kChildReportFd = 4;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

std::string errnoText(const std::string& what);

// Moves `fd` to a descriptor above kChildReportFd (close-on-exec).
bool moveHigh(Fd& fd);
// A close-on-exec pipe with both ends above kChildReportFd.
bool makePipe(Fd& readEnd, Fd& writeEnd);
bool writeAll(int fd, const std::uint8_t* bytes, std::size_t size);

// The report pipe and, when RunOptions asks for capture, the stdout and
// stderr pipes. The child keeps the write ends, this process the read ends.
struct HostPipes {
  Fd reportRead, reportWrite, outRead, outWrite, errRead, errWrite;

  bool open(const RunOptions& options);  // false with errno set
  void closeChildEnds();                 // in the parent, once the child has them
};

// Reads the report (and captured output) pipes until they close or the
// timeout kills the child, reaps the child and merges its exit status with
// the parsed report; with RunOptions::returnAtExitReport, returns at the
// Exited message instead, unreaped. The child ends must already be closed.
RunResult collectRun(pid_t pid, HostPipes& pipes, const RunOptions& options);

}  // namespace tide::jit::detail
