// Process control through LLDB's SB API: the implementation of Target
// (target.h). No LLDB type crosses this header; code outside debugger/lldb
// obtains one through makeLldbTarget() (lldb_target_factory.h).
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

#include "tide/debugger/target.h"

namespace tide::debugger {

// Debian's liblldb does not find lldb-server on its own. Sets
// LLDB_DEBUGSERVER_PATH to the one found at configure time unless the user
// already set it, so nobody has to.
void ensureDebugServerPath();

class LldbTarget final : public Target {
 public:
  LldbTarget();
  ~LldbTarget() override;
  LldbTarget(const LldbTarget&) = delete;
  LldbTarget& operator=(const LldbTarget&) = delete;

  using Target::launch;
  bool launch(const LaunchRequest& request, std::string* error) override;

  State state() const override;
  bool isAlive() const override;
  std::optional<std::int64_t> processId() const override;
  const std::string& lastError() const override;

  // By name LLDB places the breakpoint after the prologue.
  std::optional<int> setBreakpointByName(const std::string& function) override;
  std::optional<int> setBreakpointAtAddress(std::uint64_t address) override;
  bool clearBreakpoint(int id) override;
  std::optional<std::uint32_t> breakpointHitCount(int id) const override;
  std::optional<std::uint64_t> symbolAddress(const std::string& name) const override;

  bool resume() override;
  bool stepInstruction() override;
  bool interrupt() override;
  bool kill() override;

  TargetEvents waitForEvents(std::chrono::milliseconds timeout) override;
  TargetEvents waitForStop(std::chrono::milliseconds timeout) override;

  bool writeStdin(std::string_view bytes) override;
  void closeStdin() override;

  std::optional<std::vector<std::uint8_t>> readMemory(std::uint64_t address,
                                                      std::size_t size) override;
  bool writeMemory(std::uint64_t address, std::span<const std::uint8_t> bytes) override;
  std::vector<RegisterDescription> registers() override;
  std::optional<std::uint64_t> readRegister(const std::string& name) override;
  bool writeRegister(const std::string& name, std::uint64_t value) override;
  std::optional<std::vector<std::uint8_t>> readRegisterBytes(const std::string& name) override;
  bool writeRegisterBytes(const std::string& name, std::span<const std::uint8_t> bytes) override;

  std::vector<DisassembledInstruction> disassemble(std::span<const std::uint8_t> bytes,
                                                   std::uint64_t address) override;
  // LLDB's backtrace; JIT frames are named only when the launch asked for
  // readJitCode (LLDB's GDB JIT loader).
  std::vector<NativeFrame> nativeBacktrace() override;

  struct Impl;  // opaque; defined in src/target_impl.h

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tide::debugger
