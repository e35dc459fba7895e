// Sharding (app/batch/shard.h): shards are disjoint, their union is the
// corpus, sizes differ by at most one, and Bazel's variables are honoured.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>

#include "../batch/batch_test_support.h"
#include "batch/shard.h"

using namespace tide::batch;
using namespace tide::batch::testing;

namespace {

std::vector<Case> syntheticCorpus(int size) {
  std::vector<Case> cases;
  for (int i = 0; i < size; ++i) {
    Case c;
    c.name = "cases/c" + std::to_string(1000 + i);
    cases.push_back(c);
  }
  return cases;
}

}  // namespace

TEST_CASE("shards are disjoint, cover the whole corpus and are balanced", "[batch][shard]") {
  const int corpusSize = GENERATE(0, 1, 7, 13, 100);
  const int total = GENERATE(1, 2, 3, 7, 16);
  const std::vector<Case> corpus = syntheticCorpus(corpusSize);
  std::multiset<std::string> seen;
  std::size_t smallest = corpus.size(), largest = 0;
  for (int index = 0; index < total; ++index) {
    const std::vector<Case> shard = selectShard(corpus, Shard{index, total});
    smallest = std::min(smallest, shard.size());
    largest = std::max(largest, shard.size());
    for (const Case& c : shard) seen.insert(c.name);
  }
  CHECK(seen.size() == corpus.size());
  for (const Case& c : corpus) CHECK(seen.count(c.name) == 1);
  CHECK(largest - std::min(smallest, largest) <= 1);
}

TEST_CASE("the same shard of the same corpus is the same every time", "[batch][shard]") {
  const std::vector<Case> corpus = discoverCases({toyCorpus()}).cases;
  const auto names = [](const std::vector<Case>& cases) {
    std::vector<std::string> out;
    for (const Case& c : cases) out.push_back(c.name);
    return out;
  };
  CHECK(names(selectShard(corpus, {1, 3})) ==
        names(selectShard(discoverCases({toyCorpus()}).cases, {1, 3})));
}

TEST_CASE("the --shard K/N argument counts K from 1 and rejects nonsense", "[batch][shard]") {
  REQUIRE(parseShardArgument("1/4"));
  CHECK(parseShardArgument("1/4")->index == 0);
  CHECK(parseShardArgument("4/4")->index == 3);
  CHECK(parseShardArgument("4/4")->total == 4);
  for (const char* bad : {"0/4", "5/4", "1/0", "a/b", "1", "1/2/3", "-1/2", ""})
    CHECK_FALSE(parseShardArgument(bad));
}

TEST_CASE("Bazel's sharding variables select a shard and the status file is touched",
          "[batch][shard]") {
  ScratchDirectory scratch;
  const std::string statusFile = (scratch / "shard-status").string();
  setenv("TEST_TOTAL_SHARDS", "3", 1);
  setenv("TEST_SHARD_INDEX", "2", 1);
  setenv("TEST_SHARD_STATUS_FILE", statusFile.c_str(), 1);
  std::string error;
  const std::optional<Shard> shard = shardFromEnvironment(error);
  CHECK(error.empty());
  REQUIRE(shard);
  CHECK(shard->index == 2);
  CHECK(shard->total == 3);
  CHECK(std::filesystem::exists(statusFile));

  setenv("TEST_SHARD_INDEX", "3", 1);
  CHECK_FALSE(shardFromEnvironment(error));
  CHECK(!error.empty());
  unsetenv("TEST_TOTAL_SHARDS");
  unsetenv("TEST_SHARD_INDEX");
  unsetenv("TEST_SHARD_STATUS_FILE");
  error.clear();
  CHECK_FALSE(shardFromEnvironment(error));
  CHECK(error.empty());
}
