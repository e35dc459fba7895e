// Shard selection and the Bazel test-sharding protocol
// (https://bazel.build/reference/test-encyclopedia#test-sharding).
#include "batch/shard.h"

#include <charconv>
#include <cstdlib>
#include <fstream>

namespace tide::batch {

namespace {

std::optional<int> parsePositive(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> parseShardArgument(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto k = parsePositive(text.substr(0, slash));
  const auto n = parsePositive(text.substr(slash + 1));
  if (!k || !n || *n < 1 || *k < 1 || *k > *n) return std::nullopt;
  return Shard{*k - 1, *n};
}

std::optional<Shard> shardFromEnvironment(std::string& error) {
  const char* total = std::getenv("TEST_TOTAL_SHARDS");
  const char* index = std::getenv("TEST_SHARD_INDEX");
  if (const char* statusFile = std::getenv("TEST_SHARD_STATUS_FILE"); statusFile && *statusFile)
    std::ofstream(statusFile, std::ios::app);
  if (!total || !*total) return std::nullopt;
  const auto n = parsePositive(total);
  const auto k = parsePositive(index ? index : "");
  if (!n || !k || *n < 1 || *k < 0 || *k >= *n) {
    error = "invalid TEST_TOTAL_SHARDS/TEST_SHARD_INDEX";
    return std::nullopt;
  }
  return Shard{*k, *n};
}

bool caseInShard(std::size_t position, const Shard& shard) {
  return static_cast<int>(position % static_cast<std::size_t>(shard.total)) == shard.index;
}

std::vector<Case> selectShard(std::vector<Case> sortedCases, const Shard& shard) {
  std::vector<Case> selected;
  for (std::size_t i = 0; i < sortedCases.size(); ++i)
    if (caseInShard(i, shard)) selected.push_back(std::move(sortedCases[i]));
  return selected;
}

}  // namespace tide::batch
