// interpret(): arms the fault scope, loads the module into a Machine, runs
// main, and turns whatever ended the run — a return, exit(), a trap, a
// signal — into an InterpretResult. The Machine is on the heap and created
// before sigsetjmp, so the fault path can still read its frames.
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>

#include "interp_fault.h"
#include "interp_machine.h"
#include "tide/core/interpreter.h"

namespace tide::core {

namespace {

// A stack overflow would otherwise print a million frames.
constexpr size_t kBacktraceLimit = 64;

std::string defaultFaultMessage(int signal) {
  switch (signal) {
    case SIGSEGV: return "invalid memory access";
    case SIGBUS: return "bus error";
    case SIGFPE: return "arithmetic fault";
    case SIGILL: return "illegal instruction";
    case SIGTRAP: return "trace trap";
    case SIGABRT: return "aborted";
    default: return "fault";
  }
}

}  // namespace

InterpretResult interpret(const ir::Module& module, const std::vector<std::string>& arguments,
                          const InterpretOptions& options) {
  InterpretResult result;
  if (module.findFunction("main") < 0) {
    result.exitStatus = 127;
    result.faultMessage = "the program has no main function";
    return result;
  }
  // Toy output and the host's share C stdio; flush what the host wrote so
  // the order on the terminal is the order of the calls.
  std::fflush(nullptr);
  auto machine = std::make_unique<interp::Machine>(module, options);
  interp::FaultScope scope;
  if (sigsetjmp(scope.jump, 1) == 0) {
    machine->load();
    const uint64_t status = machine->runMain(arguments);
    result.exitStatus = static_cast<int>(status & 0xff);
  } else if (scope.record.exited) {
    result.exitStatus = scope.record.exitStatus & 0xff;
    result.faultMessage = scope.record.message;
  } else {
    result.signal = scope.record.signal;
    result.exitStatus = 128 + scope.record.signal;
    result.faultMessage =
        scope.record.message.empty() ? defaultFaultMessage(result.signal) : scope.record.message;
    result.backtrace = machine->backtrace(kBacktraceLimit);
  }
  std::fflush(nullptr);
  return result;
}

std::string formatInterpretFrame(const InterpretFrame& frame) {
  std::string text = frame.function + " at " + (frame.file.empty() ? "?" : frame.file);
  text += ":" + std::to_string(frame.line) + ":" + std::to_string(frame.column);
  return text;
}

std::string signalName(int signal) {
  // glibc's table names every signal the way kill -l does ("SEGV").
  const char* abbreviation = sigabbrev_np(signal);
  return abbreviation ? std::string("SIG") + abbreviation : "signal " + std::to_string(signal);
}

}  // namespace tide::core
