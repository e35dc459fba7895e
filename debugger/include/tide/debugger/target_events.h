// What a Target reports: plain structs in one variant, no LLDB type. A wait
// on the Target returns a list of these, oldest first, and the Target
// promises one ordering rule: every byte the program wrote before it stopped
// comes before the stop (output is drained before a stop is reported).
// Nothing here depends on LLDB, so a DebugSession can consume events without
// seeing the SB API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tide::debugger {

enum class OutputStream { Stdout, Stderr };

// Bytes the program wrote, as they came out of the pipe (not split by line).
struct OutputEvent {
  OutputStream stream = OutputStream::Stdout;
  std::string bytes;
};

// The program hit one of our breakpoints; pc is the breakpoint's address.
struct BreakpointStop {
  int breakpointId = 0;
  std::uint64_t pc = 0;
};

// A single-instruction step finished; pc is the next instruction to run.
struct StepStop {
  std::uint64_t pc = 0;
};

// The program received a signal that stops it (SIGSEGV, SIGFPE, SIGILL,
// SIGTRAP from an int3 of its own, ...). faultAddress is the siginfo si_addr
// for SIGSEGV and SIGBUS when LLDB reports it.
struct SignalStop {
  int number = 0;
  std::string name;  // "SIGSEGV"
  std::uint64_t pc = 0;
  std::optional<std::uint64_t> faultAddress;
  std::string description;  // LLDB's words, for messages
};

// The program stopped because interrupt() asked it to.
struct InterruptStop {
  std::uint64_t pc = 0;
};

// The process is gone. status is the exit code; when a signal ended it,
// terminatingSignal holds that signal (LLDB then reports it as the status).
struct ExitEvent {
  int status = 0;
  std::optional<int> terminatingSignal;
  std::string description;
};

using TargetEvent =
    std::variant<OutputEvent, BreakpointStop, StepStop, SignalStop, InterruptStop, ExitEvent>;
using TargetEvents = std::vector<TargetEvent>;

// True for every event but OutputEvent: after one, the program no longer runs.
bool isStopOrExit(const TargetEvent& event);
// The last stop or exit in a list, or nullptr when there is none.
const TargetEvent* lastStopOrExit(const TargetEvents& events);
// All output of one stream in a list, concatenated.
std::string outputFrom(const TargetEvents& events, OutputStream stream);
// One line for logs and test messages: "breakpoint 1 at 0x401136".
std::string describeEvent(const TargetEvent& event);

}  // namespace tide::debugger
