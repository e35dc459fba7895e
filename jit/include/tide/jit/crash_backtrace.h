// Turning a crash report into the lines `tide run` prints:
//
//   tide: program received signal 11 (SIGSEGV); backtrace:
//   #0  0x7f3a1c2010a4 <bt_leaf+0x14> at crash.toy:3:5
//   #1  0x7f3a1c2010c9 <bt_mid+0x19> at crash.toy:7:10
//   ... 171230 frames elided ...
//   #171233 0x7f3a1c201100 <main+0x20> at crash.toy:12:3
//
// The frame list ends at the image boundary (the first frame after an image
// frame whose runtime address is outside the image — the runner's main), so
// no runner or C-library frames appear except a fault pc inside the C
// library as frame 0. Symbolization is the caller's: jit knows no DWARF, so
// a callback describes each image address (the debugger's Symbolizer).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tide/jit/image_layout.h"
#include "tide/jit/jit_session.h"

namespace tide::jit {

// Describes image address `imageAddress`; `returnAddress` is true for every
// frame but frame 0 (look up the line at address - 1). Returns e.g.
// "<bt_leaf+0x14> at crash.toy:3:5", or "" when nothing is known.
using DescribeImageAddress =
    std::function<std::string(std::uint64_t imageAddress, bool returnAddress)>;

struct BacktraceFrame {
  std::uint64_t number = 0;  // depth in the full chain (counts elided frames)
  std::uint64_t runtimeAddress = 0;
  std::uint64_t imageAddress = 0;  // 0 outside the image
};

struct CrashBacktrace {
  std::vector<BacktraceFrame> frames;
  std::size_t elisionBefore = 0;  // frames[elisionBefore] follows the elided run (if any)
  std::uint64_t elidedFrames = 0;
};

// How many frames a printed backtrace keeps at each end of a long chain (the
// runner already keeps 256 + 64); the rest become one elision line.
struct BacktraceLimits {
  std::size_t innermost = 32;
  std::size_t outermost = 8;
};

// The frames to show, cut at the image boundary and to `limits`.
CrashBacktrace crashBacktrace(const RunResult& result, const ImageLayout& layout,
                              const BacktraceLimits& limits = {});

// The full text: the header line, one line per frame, the elision line.
std::string formatCrashBacktrace(const RunResult& result, const ImageLayout& layout,
                                 const DescribeImageAddress& describe,
                                 const BacktraceLimits& limits = {});

}  // namespace tide::jit
