// The runner's crash guard: on SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT or
// SIGTRAP it captures the frame-pointer chain of the faulting thread on an
// alternate signal stack, writes one Crash message to the report fd and
// exits with 128 + signal via _exit (no re-raise, so no core dump and the
// same status whichever signal it was). Everything the handler touches is
// static and set up by installCrashGuard before the program runs.
#pragma once

#include <cstdint>

namespace tide::runner {

struct CrashGuardConfig {
  int reportFd = -1;                 // -1: no report, just the exit status
  std::uint64_t imageCodeStart = 0;  // runtime [start, end) of the image's executable group
  std::uint64_t imageCodeEnd = 0;
  std::uint64_t stubsStart = 0;  // runtime [start, end) of the PLT stubs (inside the code)
  std::uint64_t stubsEnd = 0;
};

// Records the calling thread's stack range and installs the handlers.
// Returns false (and leaves default dispositions) if the alternate stack or
// a handler could not be set up.
bool installCrashGuard(const CrashGuardConfig& config);

}  // namespace tide::runner
