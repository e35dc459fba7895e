// Sharding: split the (sorted) corpus into N disjoint parts whose union is
// the whole, so N machines can each run one. The partition is round-robin
// over the sorted case names, which is deterministic and balanced to ±1.
// `--shard K/N` counts K from 1 (like Jest and Playwright); Bazel's
// TEST_SHARD_INDEX counts from 0.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/corpus.h"

namespace tide::batch {

struct Shard {
  int index = 0;  // 0-based
  int total = 1;
};

// "K/N" with 1 <= K <= N; nullopt when malformed.
std::optional<Shard> parseShardArgument(std::string_view text);

// Bazel's TEST_TOTAL_SHARDS / TEST_SHARD_INDEX, when set and valid. When
// TEST_SHARD_STATUS_FILE is set it is touched, telling Bazel that sharding
// is supported. `error` is set when the variables are present but invalid.
std::optional<Shard> shardFromEnvironment(std::string& error);

bool caseInShard(std::size_t positionInSortedCorpus, const Shard& shard);
std::vector<Case> selectShard(std::vector<Case> sortedCases, const Shard& shard);

}  // namespace tide::batch
