// LLDB's process events turned into TargetEvents. The stop reason of the
// stopped thread decides the kind; LLDB's stop description is kept for
// messages and is where the fault address comes from when siginfo is not
// available.
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "target_impl.h"

namespace tide::debugger {

namespace {

std::string stopDescriptionOf(lldb::SBThread& thread) {
  char text[512] = {};
  thread.GetStopDescription(text, sizeof text);
  return text;
}

// The number after the first of the markers LLDB has used for the fault
// address: "fault address: 0x10" (LLDB 13 and later), "address=0x10".
std::optional<std::uint64_t> faultAddressFromDescription(const std::string& description) {
  for (const char* marker : {"fault address: ", "address=", "address: "}) {
    const std::size_t at = description.find(marker);
    if (at == std::string::npos) continue;
    const char* start = description.c_str() + at + std::strlen(marker);
    char* end = nullptr;
    const unsigned long long value = std::strtoull(start, &end, 0);
    if (end != start) return value;
  }
  return std::nullopt;
}

// si_addr from the thread's siginfo (LLDB 15 and later on Linux).
std::optional<std::uint64_t> faultAddressFromSiginfo(lldb::SBThread& thread) {
  lldb::SBValue siginfo = thread.GetSiginfo();
  if (!siginfo.IsValid()) return std::nullopt;
  lldb::SBValue address = siginfo.GetValueForExpressionPath("._sifields._sigfault.si_addr");
  if (!address.IsValid()) return std::nullopt;
  lldb::SBError error;
  const std::uint64_t value = address.GetValueAsUnsigned(error, 0);
  if (error.Fail()) return std::nullopt;
  return value;
}

TargetEvent signalStopFrom(lldb::SBProcess& process, lldb::SBThread& thread, int number,
                           std::uint64_t pc) {
  SignalStop stop;
  stop.number = number;
  if (const char* name = process.GetUnixSignals().GetSignalAsCString(number)) stop.name = name;
  stop.pc = pc;
  stop.description = stopDescriptionOf(thread);
  if (number == SIGSEGV || number == SIGBUS) {
    stop.faultAddress = faultAddressFromSiginfo(thread);
    if (!stop.faultAddress) stop.faultAddress = faultAddressFromDescription(stop.description);
  }
  return stop;
}

ExitEvent exitEventFrom(lldb::SBProcess& process) {
  ExitEvent exit;
  exit.status = process.GetExitStatus();
  if (const char* text = process.GetExitDescription()) exit.description = text;
  // lldb-server reports death by a signal with the signal as the status
  // and a description naming it.
  if (exit.description.find("signal") != std::string::npos) exit.terminatingSignal = exit.status;
  return exit;
}

}  // namespace

lldb::SBThread stoppedThread(lldb::SBProcess& process) {
  lldb::SBThread selected = process.GetSelectedThread();
  const auto hasReason = [](lldb::SBThread& thread) {
    const lldb::StopReason reason = thread.GetStopReason();
    return reason != lldb::eStopReasonNone && reason != lldb::eStopReasonInvalid;
  };
  if (selected.IsValid() && hasReason(selected)) return selected;
  for (std::uint32_t index = 0; index < process.GetNumThreads(); ++index) {
    lldb::SBThread thread = process.GetThreadAtIndex(index);
    if (hasReason(thread)) return thread;
  }
  return selected;
}

TargetEvent stopEventFrom(lldb::SBProcess& process, StopRequests requests) {
  lldb::SBThread thread = stoppedThread(process);
  const std::uint64_t pc = thread.IsValid() ? thread.GetFrameAtIndex(0).GetPC() : 0;
  switch (thread.IsValid() ? thread.GetStopReason() : lldb::eStopReasonInvalid) {
    case lldb::eStopReasonBreakpoint:
      return BreakpointStop{static_cast<int>(thread.GetStopReasonDataAtIndex(0)), pc};
    case lldb::eStopReasonPlanComplete:
    case lldb::eStopReasonTrace:
      // Also how a halt looks when it lands while LLDB steps over one of its
      // own breakpoints (the dynamic loader's) on the program's behalf.
      if (requests.stepping || !requests.interrupting) return StepStop{pc};
      return InterruptStop{pc};
    case lldb::eStopReasonSignal:
    case lldb::eStopReasonException: {
      const int number = static_cast<int>(thread.GetStopReasonDataAtIndex(0));
      // An interrupt is a SIGSTOP that lldb-server sent on our behalf.
      if (number == SIGSTOP && requests.interrupting) return InterruptStop{pc};
      return signalStopFrom(process, thread, number, pc);
    }
    default: return InterruptStop{pc};  // stopped for no reason of the program's: our halt
  }
}

std::optional<TargetEvent> targetEventFrom(lldb::SBProcess& process, const lldb::SBEvent& event,
                                           StopRequests requests) {
  if (!lldb::SBProcess::EventIsProcessEvent(event)) return std::nullopt;
  if ((event.GetType() & lldb::SBProcess::eBroadcastBitStateChanged) == 0) return std::nullopt;
  switch (lldb::SBProcess::GetStateFromEvent(event)) {
    case lldb::eStateStopped:
      // A stop LLDB handled itself (a breakpoint condition, a shared
      // library load) and resumed from: not ours to report.
      if (lldb::SBProcess::GetRestartedFromEvent(event)) return std::nullopt;
      if (lldb::SBProcess::GetInterruptedFromEvent(event)) requests.interrupting = true;
      return stopEventFrom(process, requests);
    case lldb::eStateCrashed: return stopEventFrom(process, requests);
    case lldb::eStateExited: return exitEventFrom(process);
    case lldb::eStateDetached: return ExitEvent{0, std::nullopt, "detached"};
    default: return std::nullopt;  // launching, running, stepping
  }
}

}  // namespace tide::debugger
