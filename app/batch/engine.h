// The batch engine: for every lane, stage -> drain -> join.
//   stage: compile every applicable case into <staging>/<lane>/ and write
//          <staging>/<lane>/manifest.jsonl (id, case, lane, options, expected);
//   drain: execute the staged cases, up to `jobs` at once, each isolated;
//   join:  match each execution to its manifest entry and apply the oracles.
// Results go to the sink as soon as they are known (from worker threads, one
// at a time), so reports stream.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "batch/corpus.h"
#include "batch/lanes.h"
#include "batch/result.h"

namespace tide::batch {

struct BatchOptions {
  std::vector<LaneDescriptor> lanes;
  LaneEnvironment environment;
  int jobs = 1;
  std::chrono::milliseconds timeout{10000};  // per step of a case
  std::filesystem::path keepStaging;         // empty: a temporary directory, removed at the end
  // As root, run each worker slot's programs as uid firstIsolationUid + slot,
  // so RLIMIT_NPROC applies and stray processes can be killed by uid. 0:
  // derive a range from our pid, so concurrent runs never share a uid.
  bool isolateUsers = true;
  unsigned firstIsolationUid = 0;
};

struct BatchSink {
  // Called once per lane before its cases, with the reason when it is skipped.
  std::function<void(const LaneDescriptor&, const std::string& skipReason)> laneStarted;
  std::function<void(const CaseResult&)> result;
};

struct BatchRun {
  std::vector<CaseResult> results;  // in completion order
  std::filesystem::path stagingDirectory;
  int strayProcessesKilled = 0;  // children found alive after the run (should be 0)
};

BatchRun runBatch(const std::vector<Case>& cases, const BatchOptions& options,
                  const BatchSink& sink);

// Runs work(index, slot) for index in [0, count) on up to `jobs` threads;
// slot in [0, jobs) identifies the thread (for per-slot resources).
void parallelFor(std::size_t count, int jobs, const std::function<void(std::size_t, int)>& work);

int availableCores();

}  // namespace tide::batch
