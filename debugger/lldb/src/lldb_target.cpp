// LldbTarget over the SB API. LLDB runs in synchronous mode here: a resume
// returns once the process has stopped again, which is what a blocking
// request/answer interface wants.
#include "tide/debugger/lldb_target.h"

#include <lldb/API/LLDB.h>

#include <cstdlib>
#include <mutex>

namespace tide::debugger {

void ensureDebugServerPath() {
  // Overwrite flag 0: a path the user set wins.
  setenv("LLDB_DEBUGSERVER_PATH", TIDE_LLDB_SERVER_PATH, 0);
}

namespace {

void initializeLldbOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    ensureDebugServerPath();
    lldb::SBDebugger::Initialize();
  });
}

StopEvent stopEventFrom(lldb::SBProcess& process) {
  StopEvent event;
  const lldb::StateType state = process.GetState();
  if (state == lldb::eStateExited) {
    event.kind = StopEvent::Kind::Exited;
    event.exitStatus = process.GetExitStatus();
    if (const char* text = process.GetExitDescription()) event.description = text;
    return event;
  }
  if (state != lldb::eStateStopped) {
    event.description = lldb::SBDebugger::StateAsCString(state);
    return event;
  }
  lldb::SBThread thread = process.GetSelectedThread();
  event.pc = thread.GetFrameAtIndex(0).GetPC();
  char text[256] = {};
  thread.GetStopDescription(text, sizeof text);
  event.description = text;
  switch (thread.GetStopReason()) {
    case lldb::eStopReasonBreakpoint: event.kind = StopEvent::Kind::Breakpoint; break;
    case lldb::eStopReasonSignal:
    case lldb::eStopReasonException:
      event.kind = StopEvent::Kind::Signal;
      event.signal = static_cast<int>(thread.GetStopReasonDataAtIndex(0));
      break;
    default: event.kind = StopEvent::Kind::StepDone; break;
  }
  return event;
}

}  // namespace

struct LldbTarget::State {
  lldb::SBDebugger debugger;
  lldb::SBTarget target;
  lldb::SBProcess process;
};

LldbTarget::LldbTarget() : state_(std::make_unique<State>()) {
  initializeLldbOnce();
  state_->debugger = lldb::SBDebugger::Create(false);
  state_->debugger.SetAsync(false);
}

LldbTarget::~LldbTarget() {
  kill();
  lldb::SBDebugger::Destroy(state_->debugger);
}

bool LldbTarget::launch(const std::string& executable, const std::vector<std::string>& arguments,
                        std::string* error) {
  lldb::SBError sbError;
  state_->target =
      state_->debugger.CreateTarget(executable.c_str(), nullptr, nullptr, false, sbError);
  if (!state_->target.IsValid()) {
    *error =
        "cannot load " + executable + ": " + (sbError.GetCString() ? sbError.GetCString() : "");
    return false;
  }
  std::vector<const char*> argv;
  for (const std::string& argument : arguments) argv.push_back(argument.c_str());
  argv.push_back(nullptr);
  lldb::SBLaunchInfo info(argv.data());
  info.SetLaunchFlags(lldb::eLaunchFlagStopAtEntry);
  state_->process = state_->target.Launch(info, sbError);
  if (!state_->process.IsValid() || sbError.Fail()) {
    *error =
        "cannot launch " + executable + ": " + (sbError.GetCString() ? sbError.GetCString() : "");
    return false;
  }
  return true;
}

std::optional<int> LldbTarget::setBreakpointByName(const std::string& function) {
  lldb::SBBreakpoint breakpoint = state_->target.BreakpointCreateByName(function.c_str());
  if (!breakpoint.IsValid() || breakpoint.GetNumLocations() == 0) {
    if (breakpoint.IsValid()) state_->target.BreakpointDelete(breakpoint.GetID());
    return std::nullopt;
  }
  return breakpoint.GetID();
}

std::optional<int> LldbTarget::setBreakpointAtAddress(std::uint64_t address) {
  lldb::SBBreakpoint breakpoint = state_->target.BreakpointCreateByAddress(address);
  if (!breakpoint.IsValid()) return std::nullopt;
  return breakpoint.GetID();
}

bool LldbTarget::clearBreakpoint(int id) { return state_->target.BreakpointDelete(id); }

StopEvent LldbTarget::resume() {
  if (!isAlive()) return StopEvent{StopEvent::Kind::Error, 0, 0, 0, "no process"};
  lldb::SBError error = state_->process.Continue();
  if (error.Fail()) return StopEvent{StopEvent::Kind::Error, 0, 0, 0, error.GetCString()};
  return stopEventFrom(state_->process);
}

StopEvent LldbTarget::stepInstruction() {
  if (!isAlive()) return StopEvent{StopEvent::Kind::Error, 0, 0, 0, "no process"};
  state_->process.GetSelectedThread().StepInstruction(false);
  return stopEventFrom(state_->process);
}

std::optional<std::uint64_t> LldbTarget::readRegister(const std::string& name) {
  if (!isAlive()) return std::nullopt;
  lldb::SBFrame frame = state_->process.GetSelectedThread().GetFrameAtIndex(0);
  lldb::SBValue value = frame.FindRegister(name.c_str());
  if (!value.IsValid()) return std::nullopt;
  lldb::SBError error;
  const std::uint64_t result = value.GetValueAsUnsigned(error, 0);
  if (error.Fail()) return std::nullopt;
  return result;
}

bool LldbTarget::kill() {
  if (!state_->process.IsValid()) return false;
  const bool wasAlive = isAlive();
  state_->process.Kill();
  state_->process.Clear();
  return wasAlive;
}

bool LldbTarget::isAlive() const {
  if (!state_->process.IsValid()) return false;
  const lldb::StateType state = state_->process.GetState();
  return state != lldb::eStateExited && state != lldb::eStateDetached &&
         state != lldb::eStateInvalid && state != lldb::eStateUnloaded;
}

}  // namespace tide::debugger
