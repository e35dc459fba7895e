// The program's stdin, stdout and stderr as three named FIFOs in a private
// directory. LLDB launches through lldb-server, a separate process, and
// takes standard streams only as paths to open; a FIFO is a path, keeps
// stdout and stderr apart (a pty would merge them) and needs no terminal
// settings. We hold our ends open from before the launch, so the program's
// opens never block; the files are removed once the program has opened
// them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "tide/debugger/target_events.h"

namespace tide::debugger {

class TargetStdio {
 public:
  TargetStdio() = default;
  ~TargetStdio();
  TargetStdio(const TargetStdio&) = delete;
  TargetStdio& operator=(const TargetStdio&) = delete;

  // Makes the directory and FIFOs and opens our ends; false + *error on failure.
  bool create(std::string* error);
  std::string stdinPath() const { return directory_ + "/stdin"; }
  std::string stdoutPath() const { return directory_ + "/stdout"; }
  std::string stderrPath() const { return directory_ + "/stderr"; }
  // The program has opened its ends: remove the files, and hold stdin
  // write-only so that closeStdin delivers end-of-file.
  void afterLaunch();

  // Appends whatever the program has written so far, stdout first; never blocks.
  void drain(TargetEvents& events);
  // Waits until output is readable or the timeout passes.
  void waitForOutput(std::chrono::microseconds timeout);
  // Writes all bytes (waiting up to a second for room); false if the
  // program stopped reading or closed stdin.
  bool writeStdin(std::string_view bytes);
  void closeStdin();
  void closeAll();

 private:
  void removeFiles();

  std::string directory_;
  int stdinFd_ = -1;
  int stdoutFd_ = -1;
  int stderrFd_ = -1;
};

}  // namespace tide::debugger
