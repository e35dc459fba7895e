// Oracles: turning what a staged and executed case did into a CaseResult.
// Exit statuses compare masked to 8 bits (the oracle is a POSIX status; a
// fault is 128 + signal in every lane), stdout compares exactly, a
// backtrace compares as the expected function names appearing in order,
// innermost first, and a compile-failure case passes only when the compiler
// fails with every expected diagnostic substring.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/corpus.h"
#include "batch/isolated_process.h"
#include "batch/lanes.h"
#include "batch/result.h"

namespace tide::batch {

// Function names from the automatic backtrace, innermost first. Frames look
// like `#0  0x000055d0c0de1234 <bt_leaf+0x14> at crash.toy:3:5` (the runner)
// or `#0  bt_leaf at crash.toy:3:5` (the interpreter).
std::vector<std::string> functionsFromBacktrace(std::string_view text);

// True when `expected` occurs in `actual` in order (other frames may lie between).
bool backtraceMatches(const std::vector<std::string>& expected,
                      const std::vector<std::string>& actual);

// A short unified diff (one hunk, 2 lines of context, at most `maxLines`).
std::string unifiedDiff(std::string_view expected, std::string_view actual,
                        std::size_t maxLines = 24);

// The verdict for one case in one lane. `staged` is the stage step's outcome
// (nullopt when the lane has no stage step); `executed` the program's
// (nullopt when it was not run because staging failed).
CaseResult judgeCase(const Case& testCase, const LaneDescriptor& lane,
                     const std::optional<ProcessOutcome>& staged,
                     const std::optional<ProcessOutcome>& executed);

}  // namespace tide::batch
