// The two commands as functions of their arguments: `tide --batch` and
// `tide --batch-merge`. They glue discovery, sharding, the engine and the
// reports together and decide the exit status: 0 when nothing failed, 1 when
// something did, 2 on bad usage (including an unreadable corpus or input).
#pragma once

#include <cstdio>
#include <span>
#include <string>

namespace tide::batch {

int runBatchCommand(std::span<const std::string> arguments, std::FILE* out, std::FILE* err);
int runBatchMergeCommand(std::span<const std::string> arguments, std::FILE* out, std::FILE* err);

}  // namespace tide::batch
