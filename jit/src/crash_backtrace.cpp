// See crash_backtrace.h. Frames are filtered first (crashBacktrace) and
// formatted second, so a GUI can use the same cut without the text.
#include "tide/jit/crash_backtrace.h"

#include <cinttypes>
#include <cstdio>

#include "tide/core/interpreter.h"

namespace tide::jit {

CrashBacktrace crashBacktrace(const RunResult& result, const ImageLayout& layout,
                              const BacktraceLimits& limits) {
  CrashBacktrace backtrace;
  bool seenImageFrame = false;
  for (std::size_t i = 0; i < result.backtrace.size(); ++i) {
    const std::uint64_t runtime = result.backtrace[i];
    const std::uint64_t image = runtimeToImage(runtime, result.imageBase, layout);
    const bool inImage = result.imageBase != 0 && image != 0;
    if (!inImage && i > 0) {
      if (seenImageFrame) break;  // past main: the runner and the C library
      continue;                   // still inside the C library below the program
    }
    seenImageFrame |= inImage;
    const bool afterElision = result.elidedFrames != 0 && i >= result.elisionIndex;
    if (afterElision && backtrace.elidedFrames == 0) {
      backtrace.elisionBefore = backtrace.frames.size();
      backtrace.elidedFrames = result.elidedFrames;
    }
    backtrace.frames.push_back({afterElision ? i + result.elidedFrames : i, runtime, image});
  }
  // Shorten to the limits; frame numbers already count every frame, so the
  // elided count is the gap in numbering (it includes the runner's elision).
  std::vector<BacktraceFrame>& frames = backtrace.frames;
  if (frames.size() > limits.innermost + limits.outermost) {
    frames.erase(frames.begin() + static_cast<std::ptrdiff_t>(limits.innermost),
                 frames.end() - static_cast<std::ptrdiff_t>(limits.outermost));
    backtrace.elisionBefore = limits.innermost;
    backtrace.elidedFrames =
        limits.innermost == 0 || limits.innermost == frames.size()
            ? 0
            : frames[limits.innermost].number - frames[limits.innermost - 1].number - 1;
  }
  return backtrace;
}

std::string formatCrashBacktrace(const RunResult& result, const ImageLayout& layout,
                                 const DescribeImageAddress& describe,
                                 const BacktraceLimits& limits) {
  char line[128];
  std::snprintf(line, sizeof(line), "tide: program received signal %d (%s); backtrace:\n",
                result.signal, core::signalName(result.signal).c_str());
  std::string text = line;
  const CrashBacktrace backtrace = crashBacktrace(result, layout, limits);
  for (std::size_t i = 0; i < backtrace.frames.size(); ++i) {
    if (backtrace.elidedFrames != 0 && i == backtrace.elisionBefore) {
      std::snprintf(line, sizeof(line), "... %" PRIu64 " frames elided ...\n",
                    backtrace.elidedFrames);
      text += line;
    }
    const BacktraceFrame& frame = backtrace.frames[i];
    std::snprintf(line, sizeof(line), "#%-2" PRIu64 " 0x%" PRIx64, frame.number,
                  frame.runtimeAddress);
    text += line;
    std::string description;
    if (frame.imageAddress != 0 && describe) description = describe(frame.imageAddress, i > 0);
    if (frame.imageAddress == 0) description = "(outside the program)";
    if (!description.empty()) text += " " + description;
    text += "\n";
  }
  return text;
}

}  // namespace tide::jit
