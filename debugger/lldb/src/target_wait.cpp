// The event loop: one wait polls the program's output pipes and LLDB's
// listener in short slices until something happens or the timeout passes.
// LLDB's own wait counts in whole seconds, too coarse for an interrupt that
// should be answered at once, so the listener is polled without blocking
// and the sleeping is done in poll(2) on the output pipes, which also wakes
// us early for output.
#include <algorithm>

#include "target_impl.h"

namespace tide::debugger {

namespace {

// Short slices right after a resume, when a step or a nearby breakpoint
// stops the program within a millisecond (LLDB's listener has no file
// descriptor to poll); longer ones once the program has been running a
// while, so a waiting debugger costs little CPU.
constexpr std::chrono::microseconds kShortSlice{100};
constexpr std::chrono::microseconds kSlice{5000};
constexpr std::chrono::milliseconds kShortSlicesFor{20};

// Remembers a signal the program will receive when resumed, and names it
// as the cause of an exit whose status is its number.
void noteDeliveredSignal(LldbTarget::Impl& impl, TargetEvent& event) {
  if (auto* signal = std::get_if<SignalStop>(&event)) {
    const bool passed = !impl.process.GetUnixSignals().GetShouldSuppress(signal->number);
    impl.deliveredSignal = passed ? std::optional<int>(signal->number) : std::nullopt;
  } else if (auto* exit = std::get_if<ExitEvent>(&event)) {
    if (!exit->terminatingSignal && impl.deliveredSignal == exit->status)
      exit->terminatingSignal = exit->status;
    impl.deliveredSignal.reset();
  } else {
    impl.deliveredSignal.reset();
  }
}

// Takes every pending LLDB event; a stop or exit comes after the output the
// program wrote before it.
void collectProcessEvents(LldbTarget::Impl& impl, TargetEvents& events) {
  lldb::SBEvent event;
  while (impl.listener.GetNextEvent(event)) {
    std::optional<TargetEvent> ours =
        targetEventFrom(impl.process, event, StopRequests{impl.stepping, impl.interrupting});
    if (!ours) continue;
    impl.stdio.drain(events);
    noteDeliveredSignal(impl, *ours);
    impl.stepping = false;
    impl.interrupting = false;
    impl.forgetStopRegisters();
    impl.state = std::holds_alternative<ExitEvent>(*ours) ? LldbTarget::State::Exited
                                                          : LldbTarget::State::Stopped;
    events.push_back(std::move(*ours));
  }
}

}  // namespace

TargetEvents LldbTarget::waitForEvents(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  TargetEvents events;
  for (;;) {
    impl_->stdio.drain(events);
    if (impl_->process.IsValid()) collectProcessEvents(*impl_, events);
    if (!events.empty()) return events;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return events;
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - now);
    const auto slice = now - impl_->resumedAt < kShortSlicesFor ? kShortSlice : kSlice;
    impl_->stdio.waitForOutput(std::min(left + std::chrono::microseconds(1), slice));
  }
}

TargetEvents LldbTarget::waitForStop(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  TargetEvents events;
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return events;
    TargetEvents more =
        waitForEvents(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    const bool stopped = lastStopOrExit(more) != nullptr;
    std::move(more.begin(), more.end(), std::back_inserter(events));
    if (stopped) return events;
  }
}

}  // namespace tide::debugger
