// Helpers over TargetEvent lists; plain C++, no LLDB.
#include "tide/debugger/target_events.h"

#include <cstdio>
#include <type_traits>
#include "hex_text.h"

namespace tide::debugger {

namespace {

template <class... Visitors>
struct Overloaded : Visitors... {
  using Visitors::operator()...;
};
template <class... Visitors>
Overloaded(Visitors...) -> Overloaded<Visitors...>;

}  // namespace

bool isStopOrExit(const TargetEvent& event) { return !std::holds_alternative<OutputEvent>(event); }

const TargetEvent* lastStopOrExit(const TargetEvents& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (isStopOrExit(*it)) return &*it;
  return nullptr;
}

std::string outputFrom(const TargetEvents& events, OutputStream stream) {
  std::string text;
  for (const TargetEvent& event : events)
    if (const auto* output = std::get_if<OutputEvent>(&event); output && output->stream == stream)
      text += output->bytes;
  return text;
}

std::string describeEvent(const TargetEvent& event) {
  return std::visit(
      Overloaded{
          [](const OutputEvent& output) {
            return std::string(output.stream == OutputStream::Stdout ? "stdout " : "stderr ") +
                   std::to_string(output.bytes.size()) + " bytes";
          },
          [](const BreakpointStop& stop) {
            return "breakpoint " + std::to_string(stop.breakpointId) + " at " + hex(stop.pc);
          },
          [](const StepStop& stop) { return "step done at " + hex(stop.pc); },
          [](const SignalStop& stop) {
            std::string text =
                "signal " + stop.name + " (" + std::to_string(stop.number) + ") at " + hex(stop.pc);
            if (stop.faultAddress) text += ", fault address " + hex(*stop.faultAddress);
            return text;
          },
          [](const InterruptStop& stop) { return "interrupted at " + hex(stop.pc); },
          [](const ExitEvent& exit) {
            std::string text = "exited with status " + std::to_string(exit.status);
            if (exit.terminatingSignal)
              text += " (signal " + std::to_string(*exit.terminatingSignal) + ")";
            return text;
          },
      },
      event);
}

}  // namespace tide::debugger
