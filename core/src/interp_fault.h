// Faults of an interpreted program. Every fault — a trap the interpreter
// detects itself (division by zero, index out of range, @trap) or a signal
// raised by a wild guest memory access or inside a C function — ends the
// same way: the fault is recorded in the active FaultScope and control jumps
// back (siglongjmp) to the point where interpret() armed it. One exit path
// keeps faults inside C callbacks (qsort comparators) working: the jump
// unwinds through the C frames, which C++ exceptions may not do.
#pragma once

#include <csetjmp>
#include <csignal>
#include <string>

namespace tide::core::interp {

// What ended the program early: a signal (128 + signal is the status) or an
// explicit exit(status) from the program.
struct FaultRecord {
  int signal = 0;
  bool exited = false;
  int exitStatus = 0;
  std::string message;
};

// Armed by the outermost interpret() call; nested runs (callbacks from C)
// reuse it. The handlers run on an alternate signal stack so that an
// overflow of the host stack is reported too.
class FaultScope {
 public:
  FaultScope();
  ~FaultScope();
  FaultScope(const FaultScope&) = delete;
  FaultScope& operator=(const FaultScope&) = delete;

  sigjmp_buf jump;
  FaultRecord record;
  // Set by the handler when the fault came from a real signal, so the
  // interpreter knows the guest position may be inside C code.
  volatile sig_atomic_t fromSignal = 0;
};

// The scope of the running interpreter, or null when none is armed.
FaultScope* activeFaultScope();

// Ends the interpreted program with `signal` (SIGILL, SIGFPE, ...).
[[noreturn]] void raiseFault(int signal, std::string message);
// Ends the interpreted program as exit(status) would; `message` explains
// exits the program did not ask for (an unresolved C symbol).
[[noreturn]] void raiseExit(int status, std::string message = {});

}  // namespace tide::core::interp
