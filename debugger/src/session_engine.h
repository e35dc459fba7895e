// The DebugSession's engine: single-threaded, run only on the session's own
// thread. debug_session.cpp feeds it requests; while the program runs the
// engine's waits call `serviceRequests` so requests are answered (with
// "the program is running" where they need it stopped) and never wait.
//
// Files: session_program.cpp (compile, launch, image load), session_breakpoints.cpp,
// session_execution.cpp (continue and stepping), session_inspect.cpp
// (registers, variables, disassembly), stack_unwinder.cpp, value_format.cpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "stack_unwinder.h"
#include "tide/debugger/debug_session.h"
#include "tide/debugger/symbolizer.h"
#include "tide/jit/image_layout.h"

namespace tide::debugger {

struct UserBreakpoint {
  BreakpointInfo info;
  std::vector<int> targetIds;  // the Target's breakpoints, one per address
};

// The registers and the frame 0 facts every stop needs.
struct StopContext {
  std::uint64_t pc = 0, sp = 0, fp = 0;
};

class SessionEngine {
 public:
  SessionEngine(std::unique_ptr<Target> target, SessionOptions options,
                std::function<void(SessionEvent)> emit, std::function<void()> serviceRequests);
  ~SessionEngine();

  Target& target() { return *target_; }
  // Resumed (or about to be): requests that need a stopped program are refused.
  bool running() const { return running_; }
  std::atomic<bool>& interruptRequested() { return interruptRequested_; }

  Reply load(const std::vector<std::string>& files);
  Result<BreakpointInfo> addBreakpoint(const std::string& spec, const std::string& condition);
  Reply deleteBreakpoint(int id);
  Reply enableBreakpoint(int id, bool enabled);
  std::vector<BreakpointInfo> breakpoints() const;

  // Checks that the request may start; the session then calls execute().
  Reply prepareRun(const std::vector<std::string>& arguments);
  Reply prepareResume(ExecutionKind kind, std::uint32_t line);
  bool hasPendingExecution() const { return pending_.has_value(); }
  void executePending();  // runs until a stop, emits it
  Reply kill();

  Result<Backtrace> backtrace(std::size_t innerLimit, std::size_t outerLimit);
  Reply selectFrame(std::size_t index);
  Result<FrameInfo> selectedFrame();
  Result<std::vector<RegisterValue>> registers();
  Result<std::vector<VariableValue>> locals();
  Result<std::vector<VariableValue>> globals();
  Result<VariableValue> evaluate(const std::string& expression);
  Result<std::uint64_t> addressOf(const std::string& expression);
  Result<std::vector<std::uint8_t>> readMemory(std::uint64_t address, std::size_t size);
  Result<std::vector<DisassemblyLine>> disassemble();
  Result<std::vector<DisassemblyLine>> disassembleAt(std::uint64_t address);
  Result<std::vector<NativeFrame>> nativeBacktrace();
  std::string sourceLine(const std::string& file, std::uint32_t line);

  // Helpers shared by the files of the engine.
  bool imageLoaded() const { return imageBase_ != 0; }
  std::uint64_t toImage(std::uint64_t runtime) const;
  bool isImageCode(std::uint64_t runtime) const;
  FrameInfo describePc(std::uint64_t pc, bool returnAddress) const;
  std::optional<std::uint64_t> readWord(std::uint64_t address);
  std::optional<std::string> stoppedError() const;  // why inspection is refused

 private:
  struct PendingExecution {
    ExecutionKind kind = ExecutionKind::Continue;
    std::uint32_t line = 0;
    bool launch = false;
    std::vector<std::string> arguments;
  };
  struct FrameState {       // frame 0 at the current pc: where its record is
    std::uint64_t cfa = 0;  // the stack address just above the return address
    std::uint64_t returnAddress = 0;
    std::uint64_t callerFp = 0;
  };

  // session_program.cpp
  bool launchProgram(const std::vector<std::string>& arguments, std::string* error);
  void resolveBreakpoint(UserBreakpoint& breakpoint);
  // session_execution.cpp
  std::optional<TargetEvent> waitStop();
  void emitStop(StopEvent stop);
  void emitTargetStop(const TargetEvent& event);
  bool continueToStop(std::optional<TargetEvent>* stop);
  void runContinue();
  void runStep(ExecutionKind kind);
  // The fast source step: temporary breakpoints on the function's other
  // row starts (and, for `s`, every function's entry) and its return
  // address, one resume. Returned: the function returned, the caller's
  // line is still to be found.
  enum class LineRun { Stopped, Returned, Unavailable };
  LineRun runToNextLine(ExecutionKind kind, const DebugFunction& function, std::uint32_t startLine,
                        const FrameState& startFrame);
  std::vector<std::uint64_t> lineStopAddresses(const DebugFunction& function,
                                               std::uint32_t startLine) const;
  std::vector<std::uint64_t> functionEntries() const;
  // The slow source step, one instruction at a time.
  void stepInstructions(ExecutionKind kind, StopContext context, std::uint32_t startLine,
                        const FrameState& startFrame);
  void runStepInstruction();
  void runFinish();
  void runUntil(std::uint32_t line);
  // Resumes until the frame whose record ends at `cfa` returns to
  // `returnAddress`; false when something else stopped it (already emitted).
  bool runToReturn(std::uint64_t returnAddress, std::uint64_t cfa);
  // One instruction; false with the other stop in *other (a signal, an exit).
  bool stepOneInstruction(std::optional<TargetEvent>* other);
  void emitBreakpointStop(int id, std::uint64_t pc);
  std::optional<FrameState> frameState(const StopContext& context);
  StopContext readContext();
  bool userBreakpointTakes(std::uint64_t pc, int* id);
  bool isRowStart(std::uint64_t pc, std::uint32_t* line) const;
  bool isReturnInstruction(std::uint64_t pc);
  // Source steps leave their temporary breakpoints planted while the next
  // request is another step: consecutive `n` in one function then plant and
  // clear nothing (each is a round trip to lldb-server). plantStepBreakpoints
  // makes the planted set exactly `runtimeAddresses`; every other kind of
  // resume clears them first.
  bool plantStepBreakpoints(std::vector<std::uint64_t> runtimeAddresses);
  void clearStepBreakpoints();
  void captureRegisters();
  // session_inspect.cpp: the unchecked forms the engine itself uses while
  // it runs the program (conditions, fault backtraces).
  std::optional<std::string> returnValueOf(const std::string& function, std::string* type);
  const std::vector<RawFrame>& rawFrames();
  Backtrace walkBacktrace(std::size_t innerLimit, std::size_t outerLimit);
  Result<std::vector<VariableValue>> variablesOf(std::size_t frameIndex);
  struct Place {  // a variable or a part of one, in the debuggee's memory
    std::uint64_t address = 0;
    std::uint64_t type = 0;
  };
  Result<Place> placeOf(std::size_t frameIndex, const std::string& path);
  VariableValue valueAt(const std::string& name, const Place& place);
  // Of a line's addresses, the lowest in each function (gdb's choice).
  std::vector<std::uint64_t> firstAddressPerFunction(std::vector<std::uint64_t> addresses) const;
  // " <callee+0x..>" for an instruction whose last operand is an address in
  // the program (a call or jump), else "".
  std::string branchTargetName(const std::string& instruction) const;
  // The function's instructions with its source lines, `currentPc` marked.
  Result<std::vector<DisassemblyLine>> disassembleFunction(const DebugFunction& function,
                                                           std::uint64_t currentPc);
  std::optional<bool> conditionHolds(const std::string& condition, std::string* error);

  std::unique_ptr<Target> target_;
  SessionOptions options_;
  std::function<void(SessionEvent)> emit_;
  std::function<void()> serviceRequests_;

  std::vector<std::string> files_;
  std::vector<std::uint8_t> object_;
  std::string objectPath_;
  std::optional<jit::ImageLayout> layout_;
  std::optional<Symbolizer> symbolizer_;
  std::map<std::string, std::vector<std::string>> sources_;
  std::map<std::uint64_t, std::uint32_t> stmtRows_;  // image address of an is_stmt row -> line
  // .text inside object_ (it sits at image offset 0). Code never changes
  // once loaded, so instruction bytes are read here, not from the program.
  std::span<const std::uint8_t> text_;

  std::uint64_t imageBase_ = 0, imageSize_ = 0;
  std::map<int, UserBreakpoint> breakpoints_;
  int nextBreakpointId_ = 1;
  std::optional<PendingExecution> pending_;
  std::atomic<bool> running_{false};
  bool stopped_ = false;  // a live process, stopped
  std::atomic<bool> interruptRequested_{false};
  std::size_t selectedFrame_ = 0;
  std::vector<RegisterValue> registersNow_, registersBefore_;
  std::optional<std::vector<RawFrame>> framesCache_;  // of the current stop
  std::map<std::uint64_t, int> stepBreakpoints_;      // runtime address -> the Target's id
};

}  // namespace tide::debugger
