// How `tide dbg` prints what the DebugSession reports: stops, frames,
// registers, variables, breakpoints and disassembly, as plain text lines.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tide/debugger/debug_session.h"
#include "tide/debugger/display_path.h"

namespace tide::dbg {

using debugger::displayPath;
// "<add+0x14> at loop.toy:6:5" (parts omitted when unknown).
std::string describeLocation(const debugger::FrameInfo& frame);
// "#1  0x7ffff7fb9063 <main+0x63> at loop.toy:12:22"
std::string describeFrame(const debugger::FrameInfo& frame);
// Every line of a backtrace, with the "... N frames elided ..." marker.
std::vector<std::string> describeBacktrace(const debugger::Backtrace& trace);
// The lines printed for a stop, ending with "Stopped at ..." and the source
// line (or the exit line). `source` gives a file's line text.
std::vector<std::string> describeStop(
    const debugger::StopEvent& stop,
    const std::function<std::string(const std::string&, std::uint32_t)>& source);
std::string describeRegister(const debugger::RegisterValue& value);
std::string describeBreakpoint(const debugger::BreakpointInfo& breakpoint);
std::vector<std::string> describeMemory(std::uint64_t address,
                                        const std::vector<std::uint8_t>& bytes);

}  // namespace tide::dbg
