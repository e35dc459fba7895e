// The runner's report stream, turned back into a RunResult and symbolized
// by the debugger's crash report (the same text `tide run` prints).
#include "batch/crash_symbolizer.h"

#include <fstream>
#include <iterator>

#include "tide/debugger/crash_report.h"
#include "tide/jit/runner_protocol.h"

namespace tide::batch {

std::string symbolizedRunnerReport(std::string_view report, const std::string& objectPath) {
  const jit::RunnerReport parsed =
      jit::parseRunnerReport({reinterpret_cast<const std::uint8_t*>(report.data()), report.size()});
  if (parsed.loadFailure)
    return "tide-runner: loading the object failed: " + *parsed.loadFailure + "\n";
  if (!parsed.crash) return {};
  jit::RunResult result;
  result.started = true;
  result.crashed = true;
  result.signal = parsed.crash->signal;
  result.exitCode = 128 + parsed.crash->signal;
  result.imageBase = parsed.imageBase.value_or(0);
  result.imageSize = parsed.imageSize;
  result.backtrace = parsed.crash->frames;
  result.elisionIndex = parsed.crash->innerCount;
  result.elidedFrames = parsed.crash->elidedFrames;
  result.faultAddress = parsed.crash->faultAddress;
  std::ifstream in(objectPath, std::ios::binary);
  const std::vector<std::uint8_t> object{std::istreambuf_iterator<char>(in),
                                         std::istreambuf_iterator<char>()};
  return debugger::symbolizedCrashBacktrace(object, result);
}

}  // namespace tide::batch
