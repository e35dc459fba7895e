// A crash report of the batch engine's jit lane: the raw stream the runner
// wrote on its report fd, symbolized against the staged object as `tide run`
// would print it (tide/debugger/crash_report.h).
#pragma once

#include <string>
#include <string_view>

namespace tide::batch {

// The symbolized backtrace from a report stream read from the runner's
// --report-fd and the path of the object it ran (the staged .o); "" without
// a crash; a load failure gives its message.
std::string symbolizedRunnerReport(std::string_view report, const std::string& objectPath);

}  // namespace tide::batch
