// The corpus: cases found on disk with their oracles (toy-language.md §11).
// `cases/NAME.toy` is a run case (NAME.expected, optional .stdout,
// .backtrace, NAME.LANE.skip); `err/NAME.toy` must fail to compile with every
// line of NAME.diag in its diagnostics. A directory may hold cases/ and err/,
// or be flat (then a .diag sidecar, or a parent named err, marks an error case).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tide::batch {

enum class CaseKind { Run, CompileError };

struct Case {
  std::string name;  // stable id, e.g. "cases/fib" or "err/bad_type"
  CaseKind kind = CaseKind::Run;
  std::filesystem::path source;
  int expectedStatus = 0;                          // masked to 8 bits
  std::optional<std::string> expectedStdout;       // NAME.stdout, exact
  std::vector<std::string> expectedBacktrace;      // function names, innermost first
  std::vector<std::string> expectedDiagnostics;    // substrings (err/ cases)
  std::map<std::string, std::string> skipReasons;  // lane -> reason
};

struct Discovery {
  std::vector<Case> cases;          // sorted by name, no duplicates
  std::vector<std::string> errors;  // unreadable paths, malformed sidecars
};

// Finds every case under the given roots (directories or single .toy files).
Discovery discoverCases(const std::vector<std::filesystem::path>& roots);

// Keeps the cases whose name contains `substring` (all when empty).
std::vector<Case> filterCases(std::vector<Case> cases, const std::string& substring);

}  // namespace tide::batch
