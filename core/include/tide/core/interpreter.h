// The reference interpreter: runs an ir::Module with exactly the semantics
// of the Toy spec (docs/interpreter.md). Guest memory is host memory, so
// pointers are host addresses and `extern fn` calls go straight to the C
// library (through libffi). Faults — traps, bad memory accesses, stack
// overflow — end the run with 128 + signal and a Toy backtrace; the
// interpreter process itself survives them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tide/core/ir.h"

namespace tide::core {

// One Toy frame of a fault's call stack.
struct InterpretFrame {
  std::string function;
  std::string file;  // as in ir::Module::files
  uint32_t line = 0;
  uint32_t column = 0;
};

struct InterpretResult {
  int exitStatus = 0;        // main's result & 0xff, or 128 + signal after a fault
  int signal = 0;            // 0 unless the program faulted (SIGILL, SIGFPE, SIGSEGV, ...)
  std::string faultMessage;  // why: "division by zero", "index 5 out of range for [4]i32", ...
  std::vector<InterpretFrame> backtrace;  // on a fault: innermost first, ending at main
};

struct InterpretOptions {
  // The guest's stack budget: the sum of frame sizes (slots plus a 16-byte
  // frame record per call, as a native frame has). 0: RLIMIT_STACK's soft
  // limit, 8 MiB when unlimited.
  uint64_t stackBytes = 0;
  // Calls deeper than this fault as a stack overflow (SIGSEGV).
  uint32_t maximumCallDepth = 1000000;
};

// Runs `main` of `module`. `arguments` is the program's argv (arguments[0]
// is its name); main(argc, argv) receives them. C stdio is flushed before
// returning. Not reentrant: one interpretation per process at a time.
InterpretResult interpret(const ir::Module& module, const std::vector<std::string>& arguments,
                          const InterpretOptions& options = {});

// "<function> at <file>:<line>:<column>", the form `tide run` prints after
// "#N  ".
std::string formatInterpretFrame(const InterpretFrame& frame);

// The name of a signal: "SIGSEGV", "SIGTERM", ... ("signal N" when it has none).
std::string signalName(int signal);

}  // namespace tide::core
