// Process control through LLDB's SB API behind a small interface of our own:
// no LLDB type crosses this header. Requests are synchronous: each one that
// resumes the process returns when it has stopped or exited.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tide::debugger {

// Debian's liblldb does not find lldb-server on its own. Sets
// LLDB_DEBUGSERVER_PATH to the one found at configure time unless the user
// already set it, so nobody has to.
void ensureDebugServerPath();

struct StopEvent {
  enum class Kind { Breakpoint, StepDone, Signal, Exited, Error };
  Kind kind = Kind::Error;
  std::uint64_t pc = 0;
  int signal = 0;           // Kind::Signal
  int exitStatus = 0;       // Kind::Exited
  std::string description;  // LLDB's own words, for messages
};

class LldbTarget {
 public:
  LldbTarget();
  ~LldbTarget();
  LldbTarget(const LldbTarget&) = delete;
  LldbTarget& operator=(const LldbTarget&) = delete;

  // Creates the target and launches it stopped at its entry; false + error on failure.
  bool launch(const std::string& executable, const std::vector<std::string>& arguments,
              std::string* error);
  // Returns the breakpoint id, or nullopt when the name matched no location.
  std::optional<int> setBreakpointByName(const std::string& function);
  std::optional<int> setBreakpointAtAddress(std::uint64_t address);
  bool clearBreakpoint(int id);
  StopEvent resume();
  StopEvent stepInstruction();
  std::optional<std::uint64_t> readRegister(const std::string& name);
  bool kill();
  bool isAlive() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tide::debugger
