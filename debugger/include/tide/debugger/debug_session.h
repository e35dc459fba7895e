// The debugger engine's one API: a Toy program compiled in-process, run in
// tide-runner under a Target, with source-level breakpoints and stepping,
// registers, the call stack (our frame-pointer unwinder over the debuggee's
// memory, symbolized by our DWARF reader) and variables by DWARF type.
// `tide dbg` uses it now; the GUI and a protocol server later. No Qt.
//
// Threads: the session owns a thread that owns the Target and carries out
// every execution. Public calls may come from any thread: one made while that
// thread is idle runs in the caller's thread under the engine's lock, one
// made while it is busy is handed to it (docs/debugger.md). Calls that start
// the program (run, resume) return as soon as it runs, and what happens next
// arrives as SessionEvents (program output, then the stop or exit). A
// request that needs a stopped program while it runs is answered at once
// with an error ("the program is running"), never left waiting. interrupt()
// may be called from any thread, including a signal-driven one.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tide/debugger/target.h"

namespace tide::debugger {

class SessionEngine;

// A request's answer: ok, or why not.
struct Reply {
  bool ok = true;
  std::string message;  // the error, or a note (a moved breakpoint)
  static Reply failure(std::string text) { return {false, std::move(text)}; }
};

template <class T>
struct Result {
  std::optional<T> value;
  std::string error;
  bool ok() const { return value.has_value(); }
};

struct FrameInfo {
  std::size_t index = 0;           // 0 = innermost
  std::uint64_t pc = 0;            // runtime address (a return address above frame 0)
  std::uint64_t frameAddress = 0;  // the frame record (the frame's rbp)
  std::string function;            // "" outside the program's functions
  std::uint64_t offset = 0;        // pc - function start
  std::string file;                // as the line table names it; "" when unknown
  std::uint32_t line = 0;
  std::uint16_t column = 0;
};

// Innermost frames, then (when the chain was longer than the limits) the
// outermost ones; frames between them are elided and keep their numbers.
struct Backtrace {
  std::vector<FrameInfo> frames;
  std::size_t totalFrames = 0;
  std::size_t elided() const { return totalFrames - frames.size(); }
};

enum class StopReason {
  Breakpoint,         // one of ours (breakpointId, hitCount)
  ProgramBreakpoint,  // @breakpoint() in the program (int3)
  Step,               // s, n, si, until finished
  Finished,           // finish: back in the caller (returnValue)
  Signal,             // a fault: signal, faultAddress, backtrace
  Interrupted,
  Exited,  // exitStatus, terminatingSignal
};

struct StopEvent {
  StopReason reason = StopReason::Step;
  FrameInfo frame;  // where it stopped (not for Exited)
  int breakpointId = 0;
  std::uint32_t hitCount = 0;
  int signal = 0;
  std::string signalName;
  std::optional<std::uint64_t> faultAddress;
  std::optional<Backtrace> backtrace;      // fault stops carry it
  std::optional<std::string> returnValue;  // Finished: "Pair { a: 1, b: 2 }"
  std::string returnType;
  int exitStatus = 0;
  std::optional<int> terminatingSignal;
  std::string message;  // e.g. why a step ended elsewhere
};

using SessionEvent = std::variant<OutputEvent, StopEvent>;

struct BreakpointInfo {
  int id = 0;
  std::string spec;       // as given: "loop.toy:5", "add"
  std::string condition;  // "" = always
  bool enabled = true;
  bool pending = true;  // not yet resolved (no image loaded yet)
  std::uint32_t hitCount = 0;
  std::string file;  // resolved location (FILE:LINE breakpoints and functions)
  std::uint32_t line = 0;
  std::uint32_t requestedLine = 0;  // differs from `line` when moved
  std::vector<std::uint64_t> imageAddresses;
};

struct RegisterValue {
  std::string name;
  std::vector<std::uint8_t> bytes;  // little-endian
  bool changed = false;             // since the previous stop
  std::uint64_t value() const;      // the low 8 bytes
};

struct VariableValue {
  std::string name;
  std::string type;   // Toy spelling: "i64", "*Acc", "[4]i32"
  std::string value;  // formatted by type
  bool isParameter = false;
};

struct DisassemblyLine {
  bool isSource = false;  // a source line (file:line text) rather than an instruction
  std::string text;       // source text, or the instruction
  std::uint32_t line = 0;
  std::uint64_t address = 0;
  std::string location;  // "<main+0x1d>"
  bool current = false;  // the frame's pc
};

enum class ExecutionKind { Continue, StepInto, StepOver, StepOut, StepInstruction, Until };

struct SessionOptions {
  std::string runnerPath;  // "" = $TIDE_RUNNER, else next to this executable
  // LLDB reads the JIT image through the GDB JIT interface. Needed for
  // nativeBacktrace of JIT frames, and it makes every stop cheaper: without
  // the image LLDB works out frame 0's unwinding by emulating unknown code
  // at each stop (measured: a source step 22 ms -> 7 ms).
  bool readJitCode = true;
};

class DebugSession {
 public:
  DebugSession(std::function<std::unique_ptr<Target>()> makeTarget, SessionOptions options = {});
  ~DebugSession();  // kills the program, joins the thread
  DebugSession(const DebugSession&) = delete;
  DebugSession& operator=(const DebugSession&) = delete;

  // Compiles the Toy files; diagnostics in the message on failure.
  Reply load(const std::vector<std::string>& files);

  // "FILE:LINE" or a function name; pending until the image is loaded.
  Result<BreakpointInfo> addBreakpoint(const std::string& spec, const std::string& condition = "");
  Reply deleteBreakpoint(int id);
  Reply enableBreakpoint(int id, bool enabled);
  std::vector<BreakpointInfo> breakpoints();

  // Starts (or restarts) the program; events follow.
  Reply run(const std::vector<std::string>& arguments = {});
  // Continues or steps the stopped program; `line` for Until.
  Reply resume(ExecutionKind kind, std::uint32_t line = 0);
  // Any thread: stops a running program (an Interrupted stop follows).
  bool interrupt();
  Reply kill();
  bool isRunning();  // the program runs (resume was accepted, no stop yet)
  // The debuggee's process id while one lives (tests check it is gone).
  std::optional<std::int64_t> processId();

  // The next event, or nullopt after `timeout`.
  std::optional<SessionEvent> nextEvent(std::chrono::milliseconds timeout);

  // Inspection of the stopped program. Frames are numbered as in backtrace.
  Result<Backtrace> backtrace(std::size_t innerLimit = 32, std::size_t outerLimit = 8);
  Reply selectFrame(std::size_t index);
  Result<FrameInfo> selectedFrame();
  Result<std::vector<RegisterValue>> registers();
  Result<std::vector<VariableValue>> locals();  // of the selected frame
  Result<std::vector<VariableValue>> globals();
  // In the selected frame: a path (`acc.total`, `a[3]`, `p.*`), `*PATH` for
  // `PATH.*`, or `&PATH` for its address.
  Result<VariableValue> evaluate(const std::string& expression);
  // The address an expression names, for examining memory: `&PATH`, the
  // value of a pointer, the first element of an array, or a function's entry.
  Result<std::uint64_t> addressOf(const std::string& expression);
  Result<std::vector<std::uint8_t>> readMemory(std::uint64_t address, std::size_t size);
  Result<std::vector<DisassemblyLine>> disassemble();  // the selected frame's function
  // The function holding `address` with its source lines, or outside the
  // program's code 16 instructions from it; the selected frame's pc marked.
  Result<std::vector<DisassemblyLine>> disassembleAt(std::uint64_t address);
  Result<std::vector<NativeFrame>> nativeBacktrace();  // the Target's own unwinder
  // A line of a loaded source file ("" when unknown).
  std::string sourceLine(const std::string& file, std::uint32_t line);

 private:
  template <class F>
  auto call(F function) -> decltype(function());

  struct Shared;
  std::shared_ptr<Shared> shared_;
};

// rflags as "[ ZF PF IF ]".
std::string describeFlags(std::uint64_t rflags);
// How an Exited stop ended: "Program exited with status 29", "Program
// terminated by signal SIGKILL" (tide dbg and the IDE say the same).
std::string describeExit(const StopEvent& stop);

}  // namespace tide::debugger
