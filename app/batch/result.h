// The outcome of one case in one lane, as every report (terminal, JSON lines,
// JUnit) and the merge read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tide::batch {

enum class Status { Pass, Fail, Skip, Timeout, Crash, CompileError, OutputLimit };

std::string_view statusName(Status status);  // "pass", "compile-error", ...
std::optional<Status> statusFromName(std::string_view name);
bool isFailure(Status status);  // everything but pass and skip

struct CaseResult {
  std::string caseName;  // "cases/fib"
  std::string lane;      // "jit-O0"
  std::string id;        // manifest id within the lane's staging directory
  Status status = Status::Fail;
  std::string message;   // one line: why it failed or was skipped
  std::string expected;  // "exit 3", or the oracle that failed
  std::string actual;
  double durationMs = 0;       // stage + execute
  double stageMs = 0;          // the compile step alone
  double executeMs = 0;        // the program alone (spawn to exit)
  std::string standardOutput;  // captured, truncated for reports
  std::string standardError;
  std::vector<std::string> backtrace;  // function names, innermost first (faults)
  std::string diagnostics;             // compiler output (compile errors)
  std::string detail;                  // e.g. a unified diff of stdout
};

// Keeps at most `limit` bytes of captured text for reports, marking the cut.
std::string truncatedForReport(const std::string& text, std::size_t limit = 4096);

}  // namespace tide::batch
