// The state behind LldbTarget, shared by the target_*.cpp files that each
// implement one group of its requests. Internal: only debugger/lldb/src sees
// it, so the SB types stay out of the public header.
#pragma once

#include <lldb/API/LLDB.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "target_stdio.h"
#include "tide/debugger/lldb_target.h"
#include "tide/debugger/register_packet.h"

namespace tide::debugger {

struct LldbTarget::Impl {
  lldb::SBDebugger debugger;
  lldb::SBTarget target;
  // Receives the process's state changes: async mode with our own listener,
  // so a wait can time out and the owner thread never blocks inside LLDB.
  lldb::SBListener listener{"tide.target"};
  // Guards `process` itself (the handle), which interrupt() copies from
  // another thread; the owner thread only replaces it at launch.
  mutable std::mutex processMutex;
  lldb::SBProcess process;
  // Advanced by the owner thread: Running when it resumes, Stopped or Exited
  // when it takes the stop out of the listener. Read by interrupt().
  std::atomic<State> state{State::NoProcess};
  // Since the latest resume: a step was asked for (owner thread), an
  // interrupt was asked for (any thread).
  bool stepping = false;
  // When the latest resume or step was asked for: waits poll in short
  // slices for a while after it.
  std::chrono::steady_clock::time_point resumedAt;
  std::atomic<bool> interrupting{false};
  std::optional<std::int64_t> processId;
  // The signal of the latest SignalStop when LLDB passes it on at resume:
  // lldb-server reports a death by signal as an exit with the signal's
  // number and no description, so this is what tells it from exit(11).
  std::optional<int> deliveredSignal;
  TargetStdio stdio;
  std::string lastError;
  // Frame 0 of the stopped thread, looked up once per stop for the ~40
  // register reads of a stop's refresh. Reset whenever the program stops
  // again and after a register write.
  std::optional<lldb::SBFrame> stopFrame;
  // Registers as lldb-server lays them out in a `g` packet (its target.xml,
  // read once per process), and the hex of that packet at the current stop:
  // one round trip serves a stop's refresh. Reset with stopFrame.
  std::optional<std::vector<RegisterSlot>> registerSlots;
  std::optional<std::string> registerPacket;

  void forgetStopRegisters() {
    stopFrame.reset();
    registerPacket.reset();
  }
};

// target_stop_events.cpp: the event for a stopped process (the stopped
// thread's reason), and a process event turned into ours, if it is one.
// What we asked of the program since it last stopped: a stop LLDB reports
// as a finished trace is our step only if we stepped, and a halt is our
// interrupt only if we asked for one.
struct StopRequests {
  bool stepping = false;
  bool interrupting = false;
};
TargetEvent stopEventFrom(lldb::SBProcess& process, StopRequests requests);
std::optional<TargetEvent> targetEventFrom(lldb::SBProcess& process, const lldb::SBEvent& event,
                                           StopRequests requests);

// The stopped thread (the one with a stop reason), or an invalid thread.
lldb::SBThread stoppedThread(lldb::SBProcess& process);

}  // namespace tide::debugger
