// The symbolized crash backtrace of a JIT program, the text `tide run` and
// the batch engine's jit lane print:
//
//   tide: program received signal 11 (SIGSEGV); backtrace:
//   #0  0x7f3a1c2010a4 <bt_leaf+0x14> at crash.toy:3:5
//   #1  0x7f3a1c2010c9 <bt_mid+0x19> at crash.toy:7:10
//
// from the runner's raw report (runtime return-address chain, image base)
// and the object it ran: jit lays the object out as the runner did, and the
// Symbolizer names each image address from the object's DWARF.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tide/jit/jit_session.h"

namespace tide::debugger {

// The lines for a crashed run; "" when the run did not crash or the object
// cannot be laid out. File names are shown relative to the current
// directory when they lie below it.
std::string symbolizedCrashBacktrace(const std::vector<std::uint8_t>& object,
                                     const jit::RunResult& result);

}  // namespace tide::debugger
