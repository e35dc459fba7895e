// What a person sees: on a terminal one live progress line (done/total,
// pass/fail/skip, elapsed, ETA) with failures printed above it as they
// happen; otherwise one plain line per result. At the end a table per lane
// and the slowest five cases.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "batch/result.h"

namespace tide::batch {

class ProgressReporter {
 public:
  ProgressReporter(std::FILE* out, bool interactive, std::size_t total);
  void laneStarted(const std::string& lane, const std::string& skipReason);
  void add(const CaseResult& result);
  // The per-lane table and the slowest cases, in `laneOrder`.
  void finish(const std::vector<CaseResult>& results, const std::vector<std::string>& laneOrder);

 private:
  void drawProgressLine();
  std::FILE* out_;
  bool interactive_;
  std::size_t total_, done_ = 0, passed_ = 0, failed_ = 0, skipped_ = 0;
  std::chrono::steady_clock::time_point start_;
};

// "jit-O0  652 pass / 0 fail / 1 skip" lines (fail counts every failure status).
std::string laneSummaryTable(const std::vector<CaseResult>& results,
                             const std::vector<std::string>& laneOrder);
std::string slowestCases(const std::vector<CaseResult>& results, std::size_t count = 5);
// A failure as printed: a header line, then indented details.
std::string describeFailure(const CaseResult& result);

}  // namespace tide::batch
