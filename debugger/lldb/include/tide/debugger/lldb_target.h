// Process control through LLDB's SB API behind a small interface of our own:
// no LLDB type crosses this header.
//
// Requests in, events out. Requests that resume the program (resume,
// stepInstruction) return at once; what happens next arrives as events from
// waitForEvents / waitForStop (target_events.h). LLDB runs in async mode
// with our own listener, and every wait has a timeout, so a request made
// while the program runs is answered and nothing blocks forever.
//
// Threads: one thread (the DebugSession's) owns the Target and makes every
// call, except interrupt(), which any thread may call while the owner waits.
//
// The program's stdin, stdout and stderr are three FIFOs the Target holds;
// stdout and stderr stay apart and arrive as OutputEvents. A pipe makes the
// C library buffer stdout fully, so a program that wants its output seen
// before it stops flushes (the runner does).
//
// The Target never leaves a debuggee behind: the destructor kills it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tide/debugger/target_events.h"

namespace tide::debugger {

// Debian's liblldb does not find lldb-server on its own. Sets
// LLDB_DEBUGSERVER_PATH to the one found at configure time unless the user
// already set it, so nobody has to.
void ensureDebugServerPath();

struct LaunchRequest {
  std::string executable;
  std::vector<std::string> arguments;  // argv[1...]; argv[0] is the executable
  // Added to (or replacing in) the debugger's own environment.
  std::vector<std::pair<std::string, std::string>> environment;
  std::string workingDirectory;  // empty: the debugger's
};

struct RegisterDescription {
  std::string name;  // "rax", "rip", "xmm0"
  std::string set;   // LLDB's register set, "General Purpose Registers"
  std::uint32_t byteSize = 0;
};

class LldbTarget {
 public:
  enum class State { NoProcess, Stopped, Running, Exited };

  LldbTarget();
  ~LldbTarget();
  LldbTarget(const LldbTarget&) = delete;
  LldbTarget& operator=(const LldbTarget&) = delete;

  // Launches the program stopped at its entry point (no event is pending
  // afterwards); false and a message in *error on failure.
  bool launch(const LaunchRequest& request, std::string* error);
  // Shorthand: no environment additions, the debugger's working directory.
  bool launch(const std::string& executable, const std::vector<std::string>& arguments,
              std::string* error);

  State state() const;
  bool isAlive() const;  // launched and not yet exited
  std::optional<std::int64_t> processId() const;
  // Why the latest request failed, for messages.
  const std::string& lastError() const;

  // Breakpoints. By name refuses a name with no location (it never stays
  // pending); ids are LLDB's, positive.
  std::optional<int> setBreakpointByName(const std::string& function);
  std::optional<int> setBreakpointAtAddress(std::uint64_t address);
  bool clearBreakpoint(int id);
  std::optional<std::uint32_t> breakpointHitCount(int id) const;
  // Load address of a symbol of the program (function or global variable).
  std::optional<std::uint64_t> symbolAddress(const std::string& name) const;

  // Execution. resume and stepInstruction need the program stopped and
  // return at once; the resulting stop arrives as an event.
  bool resume();
  bool stepInstruction();
  // Any thread: asks a running program to stop; an InterruptStop follows.
  // Returns false when the program was not running.
  bool interrupt();
  // Kills the program and waits for it to be gone; the ExitEvent is
  // consumed here. True when there was a live process.
  bool kill();

  // Blocks until at least one event is available or the timeout passes,
  // then returns every pending event, output before the stop it preceded.
  TargetEvents waitForEvents(std::chrono::milliseconds timeout);
  // Collects events until a stop or exit (the last element) or the timeout.
  TargetEvents waitForStop(std::chrono::milliseconds timeout);

  // The program's stdin. closeStdin sends end-of-file.
  bool writeStdin(std::string_view bytes);
  void closeStdin();

  // Memory and registers of the stopped program (the stopped thread, frame 0).
  std::optional<std::vector<std::uint8_t>> readMemory(std::uint64_t address, std::size_t size);
  bool writeMemory(std::uint64_t address, std::span<const std::uint8_t> bytes);
  std::vector<RegisterDescription> registers();
  // Registers of at most 8 bytes (GPRs, rip, rflags, segment registers).
  std::optional<std::uint64_t> readRegister(const std::string& name);
  bool writeRegister(const std::string& name, std::uint64_t value);
  // Any register as its bytes, little-endian (xmm0-15 are 16 bytes).
  std::optional<std::vector<std::uint8_t>> readRegisterBytes(const std::string& name);
  bool writeRegisterBytes(const std::string& name, std::span<const std::uint8_t> bytes);

  struct Impl;  // opaque; defined in src/target_impl.h

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tide::debugger
