// Command-line grammar of `tide --batch` and `tide --batch-merge`
// (docs/batch.md). Parsing is separate from running so it is unit-tested and
// a usage error (exit 2) is decided before anything starts.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "batch/shard.h"

namespace tide::batch {

struct BatchArguments {
  std::vector<std::string> paths;  // default: tests/corpus
  std::string lanes;               // comma list; empty: every lane available here
  int jobs = 0;                    // 0: number of cores
  double timeoutSeconds = 10;
  std::string filter;
  std::optional<Shard> shard;
  std::string junitPath;
  std::string jsonPath;
  std::string keepStaging;
  bool help = false;
};

struct MergeArguments {
  std::vector<std::string> inputs;
  std::string junitPath;
  std::string jsonPath;
  bool help = false;
};

std::optional<BatchArguments> parseBatchArguments(std::span<const std::string> arguments,
                                                  std::string& error);
std::optional<MergeArguments> parseMergeArguments(std::span<const std::string> arguments,
                                                  std::string& error);

extern const char* const kBatchUsage;
extern const char* const kMergeUsage;

}  // namespace tide::batch
