// Running the program: continue (conditions checked at each hit, false ones
// resumed silently), source-line steps (run to the next line with temporary
// breakpoints on the function's row starts and return address; instruction
// steps as the fallback, where a call is stepped over with a breakpoint on
// its return address; either way a return counts only in the calling frame,
// so recursion is stepped over too), finish, until, si. Calls into C
// (printf, the runner) are always stepped over: a step never stops outside
// the program's code.
#include <algorithm>
#include <csignal>

#include "session_engine.h"
#include "tide/core/interpreter.h"
#include "tide/debugger/display_path.h"

namespace tide::debugger {

namespace {

constexpr auto kSlice = std::chrono::milliseconds(20);
constexpr auto kStepTimeout = std::chrono::seconds(30);

}  // namespace

Reply SessionEngine::prepareRun(const std::vector<std::string>& arguments) {
  if (running_) return Reply::failure("the program is running (interrupt it first)");
  if (!symbolizer_) return Reply::failure("no program loaded");
  std::string error;
  stopped_ = false;
  if (!launchProgram(arguments, &error)) return Reply::failure(error);
  stopped_ = true;
  pending_ = PendingExecution{ExecutionKind::Continue, 0, true, arguments};
  interruptRequested_ = false;  // before running_: an interrupt from now on counts
  running_ = true;
  return {};
}

Reply SessionEngine::prepareResume(ExecutionKind kind, std::uint32_t line) {
  if (auto error = stoppedError()) return Reply::failure(*error);
  if (kind == ExecutionKind::StepOut) {
    const FrameInfo here = describePc(readContext().pc, false);
    if (here.function == "main" || here.function.empty())
      return Reply::failure("finish: \"" + (here.function.empty() ? "?" : here.function) +
                            "\" is the outermost frame");
  }
  if (kind == ExecutionKind::Until && line == 0) return Reply::failure("until: which line?");
  pending_ = PendingExecution{kind, line, false, {}};
  interruptRequested_ = false;  // before running_: an interrupt from now on counts
  running_ = true;
  return {};
}

void SessionEngine::executePending() {
  const PendingExecution execution = *pending_;
  pending_.reset();
  framesCache_.reset();
  const bool sourceStep =
      execution.kind == ExecutionKind::StepInto || execution.kind == ExecutionKind::StepOver;
  if (!sourceStep) clearStepBreakpoints();
  switch (execution.kind) {
    case ExecutionKind::Continue: runContinue(); break;
    case ExecutionKind::StepInto:
    case ExecutionKind::StepOver: runStep(execution.kind); break;
    case ExecutionKind::StepOut: runFinish(); break;
    case ExecutionKind::StepInstruction: runStepInstruction(); break;
    case ExecutionKind::Until: runUntil(execution.line); break;
  }
  running_ = false;
}

std::optional<TargetEvent> SessionEngine::waitStop() {
  for (;;) {
    for (TargetEvent& event : target_->waitForEvents(kSlice)) {
      if (isStopOrExit(event)) return event;
      emit_(std::get<OutputEvent>(std::move(event)));
    }
    if (!target_->isAlive()) return std::nullopt;
    // Interrupts are carried out here, on the Target's own thread.
    if (interruptRequested_.exchange(false) && target_->state() == Target::State::Running)
      target_->interrupt();
    serviceRequests_();
  }
}

StopContext SessionEngine::readContext() {
  StopContext context;
  context.pc = target_->readRegister("rip").value_or(0);
  context.sp = target_->readRegister("rsp").value_or(0);
  context.fp = target_->readRegister("rbp").value_or(0);
  return context;
}

std::optional<SessionEngine::FrameState> SessionEngine::frameState(const StopContext& context) {
  if (!symbolizer_ || !isImageCode(context.pc)) return std::nullopt;
  const std::uint64_t image = toImage(context.pc);
  const DebugFunction* function = symbolizer_->debugInfo().functionContaining(image);
  FrameState state;
  // Before `push rbp` / `mov rbp, rsp` and at `ret`, rbp is still (again)
  // the caller's: the return address is found from rsp instead.
  std::uint64_t spSlot = 0;
  bool fromSp = false;
  if (function && image == function->lowPc) {
    spSlot = context.sp, fromSp = true;
  } else if (function && image == function->lowPc + 1) {
    spSlot = context.sp + 8, fromSp = true;
  } else if (isReturnInstruction(context.pc)) {
    spSlot = context.sp, fromSp = true;
  }
  if (fromSp) {
    state.cfa = spSlot + 8;
    state.returnAddress = readWord(spSlot).value_or(0);
    state.callerFp = context.fp;
  } else {
    state.cfa = context.fp + 16;
    state.returnAddress = readWord(context.fp + 8).value_or(0);
    state.callerFp = readWord(context.fp).value_or(0);
  }
  return state;
}

bool SessionEngine::isRowStart(std::uint64_t pc, std::uint32_t* line) const {
  auto found = stmtRows_.find(toImage(pc));
  if (found == stmtRows_.end()) return false;
  *line = found->second;
  return true;
}

bool SessionEngine::isReturnInstruction(std::uint64_t pc) {
  const std::uint64_t image = toImage(pc);
  if (image < text_.size()) return text_[image] == 0xC3;
  const auto code = target_->readMemory(pc, 1);
  return code && (*code)[0] == 0xC3;
}

bool SessionEngine::plantStepBreakpoints(std::vector<std::uint64_t> runtimeAddresses) {
  std::sort(runtimeAddresses.begin(), runtimeAddresses.end());
  for (auto planted = stepBreakpoints_.begin(); planted != stepBreakpoints_.end();) {
    if (std::binary_search(runtimeAddresses.begin(), runtimeAddresses.end(), planted->first)) {
      ++planted;
    } else {
      target_->clearBreakpoint(planted->second);
      planted = stepBreakpoints_.erase(planted);
    }
  }
  for (std::uint64_t address : runtimeAddresses) {
    if (stepBreakpoints_.count(address)) continue;
    const std::optional<int> id = target_->setBreakpointAtAddress(address);
    if (!id) return false;
    stepBreakpoints_.emplace(address, *id);
  }
  return true;
}

void SessionEngine::clearStepBreakpoints() {
  for (const auto& [address, id] : stepBreakpoints_) target_->clearBreakpoint(id);
  stepBreakpoints_.clear();
}

void SessionEngine::emitStop(StopEvent stop) {
  stopped_ = stop.reason != StopReason::Exited;
  selectedFrame_ = 0;
  framesCache_.reset();
  if (stopped_) {
    stop.frame = describePc(stop.frame.pc, false);
    captureRegisters();
  } else {
    imageBase_ = 0;
  }
  emit_(std::move(stop));
}

void SessionEngine::emitTargetStop(const TargetEvent& event) {
  StopEvent stop;
  if (const auto* signal = std::get_if<SignalStop>(&event)) {
    stop.frame.pc = signal->pc;
    stop.signal = signal->number;
    stop.signalName = signal->name.empty() ? core::signalName(signal->number) : signal->name;
    stop.faultAddress = signal->faultAddress;
    const auto previous = target_->readMemory(signal->pc - 1, 1);
    if (signal->number == SIGTRAP && previous && (*previous)[0] == 0xCC &&
        isImageCode(signal->pc - 1)) {
      stop.reason = StopReason::ProgramBreakpoint;
      // The pc is past the int3, often on the next line (where the program
      // goes on, and what the stop shows); name the call's own line too.
      const FrameInfo call = describePc(signal->pc - 1, false);
      stop.message = "@breakpoint()";
      if (!call.file.empty())
        stop.message += " at " + displayPath(call.file) + ":" + std::to_string(call.line) + ":" +
                        std::to_string(call.column);
      emitStop(std::move(stop));
      return;
    }
    stop.reason = StopReason::Signal;
    framesCache_.reset();
    stop.backtrace = walkBacktrace(32, 8);
  } else if (const auto* interrupt = std::get_if<InterruptStop>(&event)) {
    stop.reason = StopReason::Interrupted;
    stop.frame.pc = interrupt->pc;
  } else if (const auto* exit = std::get_if<ExitEvent>(&event)) {
    stop.reason = StopReason::Exited;
    stop.exitStatus = exit->status;
    stop.terminatingSignal = exit->terminatingSignal;
  } else if (const auto* step = std::get_if<StepStop>(&event)) {
    stop.frame.pc = step->pc;
  } else if (const auto* breakpoint = std::get_if<BreakpointStop>(&event)) {
    stop.frame.pc = breakpoint->pc;
  }
  emitStop(std::move(stop));
}

bool SessionEngine::userBreakpointTakes(std::uint64_t pc, int* id) {
  const std::uint64_t image = toImage(pc);
  for (auto& [number, breakpoint] : breakpoints_) {
    BreakpointInfo& info = breakpoint.info;
    if (!info.enabled || info.pending) continue;
    bool here = false;
    for (std::uint64_t address : info.imageAddresses) here = here || address == image;
    if (!here) continue;
    if (!info.condition.empty()) {
      framesCache_.reset();
      std::string error;
      const std::optional<bool> holds = conditionHolds(info.condition, &error);
      if (holds && !*holds) continue;
    }
    ++info.hitCount;
    *id = number;
    return true;
  }
  return false;
}

void SessionEngine::emitBreakpointStop(int id, std::uint64_t pc) {
  StopEvent stop;
  stop.reason = StopReason::Breakpoint;
  stop.breakpointId = id;
  stop.hitCount = breakpoints_[id].info.hitCount;
  stop.frame.pc = pc;
  emitStop(std::move(stop));
}

void SessionEngine::runContinue() {
  for (;;) {
    if (!target_->resume()) {
      emitTargetStop(InterruptStop{readContext().pc});
      return;
    }
    const std::optional<TargetEvent> event = waitStop();
    if (!event) return;
    if (const auto* hit = std::get_if<BreakpointStop>(&*event)) {
      int id = 0;
      if (userBreakpointTakes(hit->pc, &id)) {
        emitBreakpointStop(id, hit->pc);
        return;
      }
      continue;  // a false condition, or a breakpoint that is no longer ours
    }
    emitTargetStop(*event);
    return;
  }
}

bool SessionEngine::runToReturn(std::uint64_t returnAddress, std::uint64_t cfa) {
  const std::optional<int> temporary = target_->setBreakpointAtAddress(returnAddress);
  if (!temporary) {
    emitTargetStop(InterruptStop{readContext().pc});
    return false;
  }
  for (;;) {
    if (!target_->resume()) break;
    const std::optional<TargetEvent> event = waitStop();
    if (!event) return false;
    if (const auto* hit = std::get_if<BreakpointStop>(&*event)) {
      // The return counts only in the frame that made the call: a deeper
      // (recursive) activation returning to the same address has a lower sp.
      if (hit->pc == returnAddress && readContext().sp >= cfa) {
        target_->clearBreakpoint(*temporary);
        return true;
      }
      int id = 0;
      if (hit->pc != returnAddress && userBreakpointTakes(hit->pc, &id)) {
        target_->clearBreakpoint(*temporary);
        emitBreakpointStop(id, hit->pc);
        return false;
      }
      continue;
    }
    target_->clearBreakpoint(*temporary);
    emitTargetStop(*event);
    return false;
  }
  target_->clearBreakpoint(*temporary);
  emitTargetStop(InterruptStop{readContext().pc});
  return false;
}

bool SessionEngine::stepOneInstruction(std::optional<TargetEvent>* other) {
  if (!target_->stepInstruction()) {
    *other = InterruptStop{readContext().pc};
    return false;
  }
  TargetEvents events = target_->waitForStop(kStepTimeout);
  TargetEvent* last = nullptr;
  for (TargetEvent& event : events) {
    if (isStopOrExit(event))
      last = &event;
    else
      emit_(std::get<OutputEvent>(event));
  }
  if (!last) {
    target_->interrupt();
    *other = waitStop();
    return false;
  }
  if (std::holds_alternative<StepStop>(*last) || std::holds_alternative<BreakpointStop>(*last))
    return true;
  *other = *last;
  return false;
}

void SessionEngine::runStep(ExecutionKind kind) {
  StopContext context = readContext();
  const std::uint64_t startPc = context.pc;
  const auto startFrame = frameState(context);
  if (!startFrame) {
    runContinue();  // outside the program's code: nothing to step through
    return;
  }
  const auto startLocation = symbolizer_->sourceLocation(toImage(startPc));
  const std::uint32_t startLine = startLocation ? startLocation->line : 0;
  const DebugFunction* function = symbolizer_->debugInfo().functionContaining(toImage(startPc));
  if (function && startFrame->returnAddress != 0) {
    switch (runToNextLine(kind, *function, startLine, *startFrame)) {
      case LineRun::Stopped: return;
      case LineRun::Returned: context = readContext(); break;
      case LineRun::Unavailable: break;
    }
  }
  stepInstructions(kind, context, startLine, *startFrame);
}

std::vector<std::uint64_t> SessionEngine::lineStopAddresses(const DebugFunction& function,
                                                            std::uint32_t startLine) const {
  std::vector<AddressRange> ranges = function.ranges;
  if (ranges.empty()) ranges.push_back({function.lowPc, function.highPc});
  std::vector<std::uint64_t> addresses;
  for (const AddressRange& range : ranges) {
    for (auto row = stmtRows_.lower_bound(range.low);
         row != stmtRows_.end() && row->first < range.high; ++row) {
      if (row->first == function.lowPc) continue;  // the prologue
      // Another line. Like gdb and lldb, a jump back into the starting line
      // (a loop on one line, a `for` header's increment going to its
      // condition) does not end the step; and with no breakpoint at the
      // starting pc, the resume needs no step off one first.
      if (row->second != startLine) addresses.push_back(row->first);
    }
  }
  return addresses;
}

std::vector<std::uint64_t> SessionEngine::functionEntries() const {
  std::vector<std::uint64_t> entries;
  for (const DebugFunction& function : symbolizer_->debugInfo().functions) {
    // The first row after the prologue's: where an instruction-stepped `s` stops.
    auto row = stmtRows_.upper_bound(function.lowPc);
    if (row != stmtRows_.end() && function.contains(row->first)) entries.push_back(row->first);
  }
  return entries;
}

SessionEngine::LineRun SessionEngine::runToNextLine(ExecutionKind kind,
                                                    const DebugFunction& function,
                                                    std::uint32_t startLine,
                                                    const FrameState& startFrame) {
  const std::vector<std::uint64_t> lineAddresses = lineStopAddresses(function, startLine);
  std::vector<std::uint64_t> entries;
  if (kind == ExecutionKind::StepInto) entries = functionEntries();
  std::vector<std::uint64_t> wanted{startFrame.returnAddress};
  for (std::uint64_t address : lineAddresses) wanted.push_back(imageBase_ + address);
  for (std::uint64_t address : entries) wanted.push_back(imageBase_ + address);
  if (!plantStepBreakpoints(wanted)) {
    clearStepBreakpoints();
    return LineRun::Unavailable;
  }
  auto contains = [](const std::vector<std::uint64_t>& list, std::uint64_t value) {
    return std::binary_search(list.begin(), list.end(), value);
  };
  std::sort(entries.begin(), entries.end());
  // A step stop keeps the breakpoints for the next step.
  auto emitStepStop = [&](std::uint64_t pc) {
    StopEvent stop;
    stop.reason = StopReason::Step;
    stop.frame.pc = pc;
    emitStop(std::move(stop));
  };
  for (;;) {
    if (!target_->resume()) break;
    const std::optional<TargetEvent> event = waitStop();
    if (!event) {
      clearStepBreakpoints();
      return LineRun::Stopped;
    }
    const auto* hit = std::get_if<BreakpointStop>(&*event);
    if (!hit) {
      clearStepBreakpoints();
      emitTargetStop(*event);
      return LineRun::Stopped;
    }
    const StopContext now = readContext();
    // The function returned: the caller's next row start is found by
    // instruction steps, which also handle a return into the runner.
    if (hit->pc == startFrame.returnAddress && now.sp >= startFrame.cfa) {
      clearStepBreakpoints();
      return LineRun::Returned;
    }
    const std::uint64_t image = toImage(hit->pc);
    const auto frame = isImageCode(hit->pc) ? frameState(now) : std::nullopt;
    // A row of this function counts in this activation, not in a deeper
    // (recursive) one: those have a lower frame address.
    if (frame && frame->cfa >= startFrame.cfa &&
        std::find(lineAddresses.begin(), lineAddresses.end(), image) != lineAddresses.end()) {
      emitStepStop(hit->pc);
      return LineRun::Stopped;
    }
    // `s`: a function entered by a call from this activation itself (not
    // through C code, which a step never enters).
    if (frame && contains(entries, image) && frame->callerFp == startFrame.cfa - 16 &&
        isImageCode(frame->returnAddress)) {
      emitStepStop(hit->pc);
      return LineRun::Stopped;
    }
    int id = 0;
    if (userBreakpointTakes(hit->pc, &id)) {
      clearStepBreakpoints();
      emitBreakpointStop(id, hit->pc);
      return LineRun::Stopped;
    }
    // A deeper activation of this function (recursion): its rows would hit
    // at every line, so run to the return of the call made from here with
    // only the return breakpoint, as a stepped-over call, then go on.
    if (frame && frame->cfa < startFrame.cfa) {
      std::uint64_t record = frame->cfa - 16;
      for (int depth = 0; depth < 100000 && record != 0; ++depth) {
        const std::optional<std::uint64_t> caller = readWord(record);
        if (!caller || *caller == startFrame.cfa - 16) break;
        record = *caller;
      }
      const std::optional<std::uint64_t> callReturn = record ? readWord(record + 8) : std::nullopt;
      if (!callReturn) continue;
      clearStepBreakpoints();
      if (!runToReturn(*callReturn, record + 16)) return LineRun::Stopped;
      if (std::find(lineAddresses.begin(), lineAddresses.end(), toImage(*callReturn)) !=
          lineAddresses.end()) {
        emitStepStop(*callReturn);
        return LineRun::Stopped;
      }
      if (!plantStepBreakpoints(wanted)) break;
    }
  }
  clearStepBreakpoints();
  emitTargetStop(InterruptStop{readContext().pc});
  return LineRun::Stopped;
}

void SessionEngine::stepInstructions(ExecutionKind kind, StopContext context,
                                     std::uint32_t startLine, const FrameState& startFrame) {
  for (;;) {
    if (interruptRequested_.exchange(false)) {
      emitTargetStop(InterruptStop{context.pc});
      return;
    }
    const StopContext before = context;
    std::optional<TargetEvent> other;
    if (!stepOneInstruction(&other)) {
      if (other) emitTargetStop(*other);
      return;
    }
    context = readContext();
    if (context.sp == before.sp - 8) {
      const std::uint64_t returnAddress = readWord(context.sp).value_or(0);
      const bool isCall = returnAddress > before.pc && returnAddress <= before.pc + 15 &&
                          context.pc != returnAddress;
      if (isCall && !(kind == ExecutionKind::StepInto && isImageCode(context.pc))) {
        if (!runToReturn(returnAddress, before.sp)) return;
        context = readContext();
        continue;
      }
    }
    if (!isImageCode(context.pc)) {
      runContinue();  // main returned into the runner: run to the exit
      return;
    }
    std::uint32_t line = 0;
    if (!isRowStart(context.pc, &line)) continue;
    const auto frame = frameState(context);
    const DebugFunction* function =
        symbolizer_->debugInfo().functionContaining(toImage(context.pc));
    if (function && toImage(context.pc) == function->lowPc) continue;  // the prologue
    const bool otherFrame = frame && frame->cfa != startFrame.cfa;
    if (line != startLine || otherFrame) {
      StopEvent stop;
      stop.reason = StopReason::Step;
      stop.frame.pc = context.pc;
      emitStop(std::move(stop));
      return;
    }
  }
}

void SessionEngine::runStepInstruction() {
  std::optional<TargetEvent> other;
  if (!stepOneInstruction(&other)) {
    if (other) emitTargetStop(*other);
    return;
  }
  StopEvent stop;
  stop.reason = StopReason::Step;
  stop.frame.pc = readContext().pc;
  emitStop(std::move(stop));
}

void SessionEngine::runFinish() {
  const StopContext context = readContext();
  const auto frame = frameState(context);
  const FrameInfo callee = describePc(context.pc, false);
  if (!frame || !runToReturn(frame->returnAddress, frame->cfa)) {
    if (!frame) emitTargetStop(InterruptStop{context.pc});
    return;
  }
  StopEvent stop;
  stop.reason = StopReason::Finished;
  stop.frame.pc = readContext().pc;
  stop.returnValue = returnValueOf(callee.function, &stop.returnType);
  stop.message = callee.function;
  emitStop(std::move(stop));
}

void SessionEngine::runUntil(std::uint32_t line) {
  const StopContext context = readContext();
  const auto frame = frameState(context);
  const FrameInfo here = describePc(context.pc, false);
  const auto addresses = symbolizer_->addressesForLine(here.file, line);
  if (!frame || addresses.empty()) {
    StopEvent stop;
    stop.reason = StopReason::Step;
    stop.frame.pc = context.pc;
    stop.message = "until: no code at line " + std::to_string(line);
    emitStop(std::move(stop));
    return;
  }
  std::vector<int> temporaries;
  for (std::uint64_t address : addresses)
    if (auto id = target_->setBreakpointAtAddress(imageBase_ + address)) temporaries.push_back(*id);
  if (auto id = target_->setBreakpointAtAddress(frame->returnAddress)) temporaries.push_back(*id);
  auto clear = [&] {
    for (int id : temporaries) target_->clearBreakpoint(id);
  };
  for (;;) {
    if (!target_->resume()) break;
    const std::optional<TargetEvent> event = waitStop();
    if (!event) return;
    if (const auto* hit = std::get_if<BreakpointStop>(&*event)) {
      const StopContext now = readContext();
      const auto nowFrame = frameState(now);
      bool atLine = false;
      for (std::uint64_t address : addresses) atLine = atLine || toImage(hit->pc) == address;
      // In this frame or a caller: deeper activations (recursion) go on.
      const bool sameOrOuter = nowFrame && nowFrame->cfa >= frame->cfa;
      if ((atLine && sameOrOuter) || (hit->pc == frame->returnAddress && now.sp >= frame->cfa)) {
        clear();
        StopEvent stop;
        stop.reason = StopReason::Step;
        stop.frame.pc = hit->pc;
        emitStop(std::move(stop));
        return;
      }
      int id = 0;
      if (userBreakpointTakes(hit->pc, &id)) {
        clear();
        emitBreakpointStop(id, hit->pc);
        return;
      }
      continue;
    }
    clear();
    emitTargetStop(*event);
    return;
  }
  clear();
  emitTargetStop(InterruptStop{context.pc});
}

}  // namespace tide::debugger
