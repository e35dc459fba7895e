// The debugger engine's hold on one running program, as an interface of our
// own: the DebugSession drives a Target and never sees LLDB. The one
// implementation, LldbTarget (debugger/lldb/), is obtained through
// makeLldbTarget() (lldb_target_factory.h), so the LLDB library could later
// be loaded lazily without touching the callers.
//
// Requests in, events out. Requests that resume the program (resume,
// stepInstruction) return at once; what happens next arrives as events from
// waitForEvents / waitForStop (target_events.h). Every wait has a timeout,
// so a request made while the program runs is answered and nothing blocks.
//
// Threads: one thread (the DebugSession's) owns the Target and makes every
// call, except interrupt(), which any thread may call while the owner waits.
//
// The Target never leaves a debuggee behind: its destructor kills it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tide/debugger/target_events.h"

namespace tide::debugger {

struct LaunchRequest {
  std::string executable;
  std::vector<std::string> arguments;  // argv[1...]; argv[0] is the executable
  // Added to (or replacing in) the debugger's own environment.
  std::vector<std::pair<std::string, std::string>> environment;
  std::string workingDirectory;  // empty: the debugger's
  // Let the implementation read JIT code registered through the GDB JIT
  // interface (needed for nativeBacktrace of JIT frames; LLDB's stops in
  // JIT code are also cheaper when it knows the code).
  bool readJitCode = false;
};

struct RegisterDescription {
  std::string name;  // "rax", "rip", "xmm0"
  std::string set;   // the register set, "General Purpose Registers"
  std::uint32_t byteSize = 0;
};

// One decoded instruction, Intel syntax ("mov rax, qword ptr [rbp - 0x8]").
struct DisassembledInstruction {
  std::uint64_t address = 0;
  std::uint32_t size = 0;
  std::string text;
};

// A frame of the implementation's own unwinder (LLDB's backtrace): what the
// cross-check compares ours against.
struct NativeFrame {
  std::uint64_t pc = 0;
  std::string function;  // "" when unknown
  std::string file;      // "" when unknown
  std::uint32_t line = 0;
};

class Target {
 public:
  enum class State { NoProcess, Stopped, Running, Exited };

  virtual ~Target() = default;

  // Launches the program stopped at its entry point (no event is pending
  // afterwards); false and a message in *error on failure.
  virtual bool launch(const LaunchRequest& request, std::string* error) = 0;
  // Shorthand: no environment additions, the debugger's working directory.
  bool launch(const std::string& executable, const std::vector<std::string>& arguments,
              std::string* error) {
    return launch(LaunchRequest{executable, arguments, {}, {}, false}, error);
  }

  virtual State state() const = 0;
  virtual bool isAlive() const = 0;  // launched and not yet exited
  virtual std::optional<std::int64_t> processId() const = 0;
  // Why the latest request failed, for messages.
  virtual const std::string& lastError() const = 0;

  // Breakpoints. By name refuses a name with no location; ids are positive.
  virtual std::optional<int> setBreakpointByName(const std::string& function) = 0;
  virtual std::optional<int> setBreakpointAtAddress(std::uint64_t address) = 0;
  virtual bool clearBreakpoint(int id) = 0;
  virtual std::optional<std::uint32_t> breakpointHitCount(int id) const = 0;
  // Load address of a symbol of the program (function or global variable).
  virtual std::optional<std::uint64_t> symbolAddress(const std::string& name) const = 0;

  // Execution: need the program stopped, return at once; the resulting
  // stop arrives as an event.
  virtual bool resume() = 0;
  virtual bool stepInstruction() = 0;
  // Any thread: asks a running program to stop; an InterruptStop follows.
  virtual bool interrupt() = 0;
  // Kills the program and waits for it to be gone (its ExitEvent consumed).
  virtual bool kill() = 0;

  // Blocks until at least one event is available or the timeout passes,
  // then returns every pending event, output before the stop it preceded.
  virtual TargetEvents waitForEvents(std::chrono::milliseconds timeout) = 0;
  // Collects events until a stop or exit (the last element) or the timeout.
  virtual TargetEvents waitForStop(std::chrono::milliseconds timeout) = 0;

  virtual bool writeStdin(std::string_view bytes) = 0;
  virtual void closeStdin() = 0;

  // Memory and registers of the stopped program (the stopped thread, frame 0).
  virtual std::optional<std::vector<std::uint8_t>> readMemory(std::uint64_t address,
                                                              std::size_t size) = 0;
  virtual bool writeMemory(std::uint64_t address, std::span<const std::uint8_t> bytes) = 0;
  virtual std::vector<RegisterDescription> registers() = 0;
  // Registers of at most 8 bytes (GPRs, rip, rflags, segment registers).
  virtual std::optional<std::uint64_t> readRegister(const std::string& name) = 0;
  virtual bool writeRegister(const std::string& name, std::uint64_t value) = 0;
  // Any register as its bytes, little-endian (xmm0-15 are 16 bytes).
  virtual std::optional<std::vector<std::uint8_t>> readRegisterBytes(const std::string& name) = 0;
  virtual bool writeRegisterBytes(const std::string& name, std::span<const std::uint8_t> bytes) = 0;

  // Decodes `bytes` as if loaded at `address` (no process needed).
  virtual std::vector<DisassembledInstruction> disassemble(std::span<const std::uint8_t> bytes,
                                                           std::uint64_t address) = 0;
  // The implementation's own backtrace of the stopped thread, innermost first.
  virtual std::vector<NativeFrame> nativeBacktrace() = 0;
};

}  // namespace tide::debugger
