// Staging in worker processes: the compiler runs in-process (no executable
// is started per case), but not in the engine's process. Each -j slot forks
// one worker from the engine; the worker compiles the cases it is handed
// one at a time and answers with the stage outcome over a pipe. A compiler
// that crashes or hangs therefore costs one case (status crash / timeout)
// and one re-fork, never the run: the slot forks a fresh worker for its
// next case. Forking a worker costs about a millisecond (the engine's page
// tables); it happens once per slot and lane, not per case.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

#include "batch/isolated_process.h"

namespace tide::batch {

// Compiles case `index` in the worker; the outcome's ending is Exited with
// status 0 (staged) or non-zero (does not compile, diagnostics in
// standardError). Runs in a forked child: it may use the heap and files,
// but nothing another engine thread holds locked at fork time.
using StageStep = std::function<ProcessOutcome(std::size_t index)>;

// Called in the engine (any slot thread) with the outcome of each index:
// the step's own, or Signaled / TimedOut when the worker died or hung
// (standardError then holds what the worker printed, e.g. an assertion).
using StageDone = std::function<void(std::size_t index, const ProcessOutcome& outcome)>;

// Stages indices [0, count) over `jobs` workers. `step` and everything it
// reads must be ready before the call: workers are forked from it.
void stageInWorkers(std::size_t count, int jobs, std::chrono::milliseconds timeout,
                    const StageStep& step, const StageDone& done);

}  // namespace tide::batch
