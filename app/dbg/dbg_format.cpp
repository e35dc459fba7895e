// The text forms of dbg_format.h.
#include "dbg/dbg_format.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "tide/core/hex_text.h"

namespace tide::dbg {

namespace {

using core::hex;

std::string sourceText(
    const debugger::FrameInfo& frame,
    const std::function<std::string(const std::string&, std::uint32_t)>& source) {
  if (frame.file.empty() || frame.line == 0) return "";
  return std::to_string(frame.line) + "\t" + source(frame.file, frame.line);
}

}  // namespace

std::string describeLocation(const debugger::FrameInfo& frame) {
  std::string text;
  if (!frame.function.empty()) {
    text = "<" + frame.function + (frame.offset ? "+" + hex(frame.offset) : "") + ">";
  } else {
    text = hex(frame.pc) + " (outside the program)";
  }
  if (!frame.file.empty()) {
    text += " at " + displayPath(frame.file) + ":" + std::to_string(frame.line);
    if (frame.column) text += ":" + std::to_string(frame.column);
  }
  return text;
}

std::string describeFrame(const debugger::FrameInfo& frame) {
  return "#" + std::to_string(frame.index) + "  " + hex(frame.pc) + " " + describeLocation(frame);
}

std::vector<std::string> describeBacktrace(const debugger::Backtrace& trace) {
  std::vector<std::string> lines;
  std::size_t expected = 0;
  for (const debugger::FrameInfo& frame : trace.frames) {
    if (frame.index != expected)
      lines.push_back("... " + std::to_string(frame.index - expected) + " frames elided ...");
    lines.push_back(describeFrame(frame));
    expected = frame.index + 1;
  }
  return lines;
}

std::vector<std::string> describeStop(
    const debugger::StopEvent& stop,
    const std::function<std::string(const std::string&, std::uint32_t)>& source) {
  using debugger::StopReason;
  std::vector<std::string> lines;
  switch (stop.reason) {
    case StopReason::Exited: lines.push_back(debugger::describeExit(stop)); return lines;
    case StopReason::Breakpoint:
      lines.push_back("Breakpoint " + std::to_string(stop.breakpointId) + ", hit " +
                      std::to_string(stop.hitCount));
      break;
    case StopReason::ProgramBreakpoint:
      lines.push_back("Program breakpoint (" + stop.message + ")");
      break;
    case StopReason::Finished:
      lines.push_back("Run till exit from " + stop.message);
      if (stop.returnValue)
        lines.push_back("Value returned: " + stop.returnType + " " + *stop.returnValue);
      break;
    case StopReason::Signal: {
      std::string text =
          "Program received signal " + stop.signalName + " (" + std::to_string(stop.signal) + ")";
      if (stop.faultAddress) text += ", fault address " + hex(*stop.faultAddress);
      lines.push_back(text);
      break;
    }
    case StopReason::Interrupted: lines.push_back("Interrupted"); break;
    case StopReason::Step:
      if (!stop.message.empty()) lines.push_back(stop.message);
      break;
  }
  lines.push_back("Stopped at " + describeLocation(stop.frame));
  if (const std::string text = sourceText(stop.frame, source); !text.empty()) lines.push_back(text);
  if (stop.backtrace)
    for (const std::string& line : describeBacktrace(*stop.backtrace)) lines.push_back(line);
  return lines;
}

std::string describeRegister(const debugger::RegisterValue& value) {
  char name[16];
  std::snprintf(name, sizeof name, "%-7s", value.name.c_str());
  std::string text = name;
  if (value.bytes.size() == 16) {
    std::uint64_t low = 0, high = 0;
    std::memcpy(&low, value.bytes.data(), 8);
    std::memcpy(&high, value.bytes.data() + 8, 8);
    char digits[64];
    if (high != 0)
      std::snprintf(digits, sizeof digits, "0x%" PRIx64 "%016" PRIx64, high, low);
    else
      std::snprintf(digits, sizeof digits, "0x%" PRIx64, low);
    double real = 0;
    std::memcpy(&real, &low, 8);
    char lane[48];
    std::snprintf(lane, sizeof lane, " f64 %g", real);
    text += digits + std::string(lane);
  } else {
    // Unpadded, so small values read as numbers (and tests tell them from
    // addresses).
    char digits[32];
    std::snprintf(digits, sizeof digits, "%-18s", hex(value.value()).c_str());
    text += digits;
    if (value.name == "rflags") text += debugger::describeFlags(value.value());
  }
  if (value.changed) text += "  *";
  return text;
}

std::string describeBreakpoint(const debugger::BreakpointInfo& breakpoint) {
  std::string text = std::to_string(breakpoint.id) + "  " + (breakpoint.enabled ? "y" : "n") +
                     "  " + breakpoint.spec;
  if (!breakpoint.file.empty())
    text += " at " + displayPath(breakpoint.file) + ":" + std::to_string(breakpoint.line);
  if (!breakpoint.condition.empty()) text += " if " + breakpoint.condition;
  text += "  hits " + std::to_string(breakpoint.hitCount);
  if (breakpoint.pending) text += " (pending)";
  return text;
}

std::vector<std::string> describeMemory(std::uint64_t address,
                                        const std::vector<std::uint8_t>& bytes) {
  std::vector<std::string> lines;
  for (std::size_t row = 0; row < bytes.size(); row += 16) {
    std::string text = hex(address + row) + ":";
    for (std::size_t i = row; i < bytes.size() && i < row + 16; ++i) {
      char byte[4];
      std::snprintf(byte, sizeof byte, " %02x", bytes[i]);
      text += byte;
    }
    lines.push_back(text);
  }
  return lines;
}

}  // namespace tide::dbg
