// `tide --batch` and `tide --batch-merge` as a user and CI run them: exit
// statuses, sharding through the command line and Bazel's variables, and the
// Toy corpus in every lane this build has (the lanes not built yet must be
// reported as skipped with a reason).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "../batch/batch_test_support.h"
#include "batch/report_json.h"

using namespace tide::batch;
using namespace tide::batch::testing;

namespace {

CommandOutput runTide(const std::string& arguments, const std::string& environment = {}) {
  return runShell("cd " + std::string(TIDE_SOURCE_DIR) +
                  " && env -u TEST_TOTAL_SHARDS -u TEST_SHARD_INDEX " + "-u XML_OUTPUT_FILE " +
                  environment + " " + std::string(TIDE_BIN_DIR) + "/tide " + arguments + " 2>&1");
}

const std::map<std::string, std::string> kToyVerdicts = {
    {"cases/crash_backtrace", "pass"},
    {"cases/crash_unexpected", "crash"},
    {"cases/crash_misordered_backtrace", "fail"},  // interp and jit-O0 check backtraces
    {"cases/endless_loop", "timeout"},
    {"cases/fork_bomb", "pass"},
    {"cases/pass_exit", "pass"},
    {"cases/pass_stdout", "pass"},
    {"cases/skipped", "skip"},
    {"cases/unexpected_compile_error", "compile-error"},
    {"cases/writes_forever", "output-limit"},
    {"cases/wrong_status", "fail"},
    {"cases/wrong_stdout", "fail"},
    {"err/compiles_anyway", "fail"},
    {"err/expected_error", "pass"},
};

// Where a lane's verdict differs: aot executables print no backtrace, so the
// wrong-order case is skipped there by its sidecar.
const std::map<std::pair<std::string, std::string>, std::string> kLaneVerdicts = {
    {{"aot-O0", "cases/crash_misordered_backtrace"}, "skip"},
};

std::string verdictIn(const std::string& lane, const std::string& caseName) {
  const auto special = kLaneVerdicts.find({lane, caseName});
  return special != kLaneVerdicts.end() ? special->second : kToyVerdicts.at(caseName);
}

std::set<std::string> caseNames(const ResultFile& file) {
  std::set<std::string> names;
  for (const CaseResult& r : file.results) names.insert(r.caseName);
  return names;
}

}  // namespace

TEST_CASE("bad usage of tide --batch exits with status 2", "[batch][cli]") {
  CHECK(runTide("--batch --no-such-option").status == 2);
  CHECK(runTide("--batch --shard 5/4").status == 2);
  CHECK(runTide("--batch --lanes no-such-lane").status == 2);
  CHECK(runTide("--batch -j 0").status == 2);
  CHECK(runTide("--batch --timeout").status == 2);
  CHECK(runTide("--batch /nonexistent/corpus").status == 2);
  CHECK(runTide("--batch-merge").status == 2);
  CHECK(runTide("--batch --help").status == 0);
  CHECK(runTide("--help").output.find("--batch-merge") != std::string::npos);
}

TEST_CASE("the Toy corpus gets its verdict in every lane, or the lane says why it is skipped",
          "[batch][cli][toy]") {
  for (const char* lane : {"interp", "jit-O0", "aot-O0"}) {
    INFO(lane);
    ScratchDirectory scratch;
    const CommandOutput run =
        runTide("--batch tests/batch/corpus --timeout 2 --lanes " + std::string(lane) + " --json " +
                (scratch / "r.json").string());
    INFO(run.output);
    const ResultFile file = readResultFile(scratch / "r.json");
    REQUIRE(file.errors.empty());
    REQUIRE(file.results.size() == kToyVerdicts.size());
    const bool unavailable = file.results[0].message.rfind("lane unavailable: ", 0) == 0;
    if (unavailable) {
      CHECK(run.status == 0);
      for (const CaseResult& r : file.results) CHECK(r.status == Status::Skip);
      continue;
    }
    CHECK(run.status == 1);                   // the corpus holds failures on purpose
    for (const CaseResult& r : file.results)  // every result that ran is joined to the manifest
      CHECK((r.status == Status::Skip || !r.id.empty()));
    // The verdicts are the engine's only when the lane's tools work at all;
    // a toolchain that cannot run `return 3` is the whole-corpus entry's
    // failure (tests/batch/tests.cmake), reported here as a warning.
    const auto reference =
        std::find_if(file.results.begin(), file.results.end(),
                     [](const CaseResult& r) { return r.caseName == "cases/pass_exit"; });
    REQUIRE(reference != file.results.end());
    if (reference->status != Status::Pass) {
      WARN(lane << ": the toolchain fails the trivial case (" << reference->message
                << "); verdicts not compared");
      continue;
    }
    for (const CaseResult& r : file.results) {
      INFO(r.caseName << ": " << r.message << "\n" << r.standardError << r.diagnostics);
      CHECK(std::string(statusName(r.status)) == verdictIn(lane, r.caseName));
      // Faults in the lanes that print a trace carry the symbolized frames.
      if (r.caseName == "cases/crash_backtrace" && std::string(lane) != "aot-O0")
        CHECK(r.backtrace == std::vector<std::string>{"bt_leaf", "bt_middle", "main"});
    }
  }
}

TEST_CASE("tide --batch --shard K/N runs disjoint parts whose union is the corpus",
          "[batch][cli][shard]") {
  ScratchDirectory scratch;
  std::multiset<std::string> seen;
  for (int k = 1; k <= 3; ++k) {
    const std::string json = (scratch / ("s" + std::to_string(k) + ".json")).string();
    const CommandOutput run =
        runTide("--batch tests/batch/corpus --lanes interp --timeout 2 --shard " +
                std::to_string(k) + "/3 --json " + json);
    INFO(run.output);
    const ResultFile file = readResultFile(json);
    REQUIRE(file.header);
    CHECK(file.header->shard == std::to_string(k) + "/3");
    for (const std::string& name : caseNames(file)) seen.insert(name);
  }
  CHECK(seen.size() == kToyVerdicts.size());
  for (const auto& [name, verdict] : kToyVerdicts) CHECK(seen.count(name) == 1);
}

TEST_CASE("Bazel's shard variables and XML_OUTPUT_FILE are honoured", "[batch][cli][shard]") {
  ScratchDirectory scratch;
  const std::string xml = (scratch / "test.xml").string();
  const std::string status = (scratch / "shard-status").string();
  const CommandOutput run =
      runTide("--batch tests/batch/corpus --lanes interp --timeout 2 --json " +
                  (scratch / "r.json").string(),
              "TEST_TOTAL_SHARDS=4 TEST_SHARD_INDEX=3 TEST_SHARD_STATUS_FILE=" + status +
                  " XML_OUTPUT_FILE=" + xml);
  INFO(run.output);
  CHECK(std::filesystem::exists(status));
  const ResultFile file = readResultFile(scratch / "r.json");
  REQUIRE(file.header);
  CHECK(file.header->shard == "4/4");
  CHECK(caseNames(file).size() == 3);  // 14 cases: shards of 4, 4, 3, 3
  const CommandOutput checked = runShell("python3 " + std::string(TIDE_SOURCE_DIR) +
                                         "/tests/batch/check_junit.py " + xml + " 2>&1");
  INFO(checked.output);
  CHECK(checked.status == 0);
  CHECK(std::count(checked.output.begin(), checked.output.end(), '\n') == 3);
}

TEST_CASE("tide --batch-merge joins shard files into one JUnit report", "[batch][cli][merge]") {
  ScratchDirectory scratch;
  std::string inputs;
  for (int k = 1; k <= 2; ++k) {
    const std::string json = (scratch / ("s" + std::to_string(k) + ".json")).string();
    runTide("--batch tests/batch/corpus --lanes interp --timeout 2 --shard " + std::to_string(k) +
            "/2 --json " + json);
    inputs += json + " ";
  }
  const std::string xml = (scratch / "all.xml").string();
  const CommandOutput merged = runTide("--batch-merge " + inputs + "--junit " + xml + " --json " +
                                       (scratch / "all.json").string());
  INFO(merged.output);
  CHECK((merged.status == 0 || merged.status == 1));
  CHECK(caseNames(readResultFile(scratch / "all.json")).size() == kToyVerdicts.size());
  const CommandOutput checked = runShell("python3 " + std::string(TIDE_SOURCE_DIR) +
                                         "/tests/batch/check_junit.py " + xml + " 2>&1");
  CHECK(checked.status == 0);
  CHECK(std::count(checked.output.begin(), checked.output.end(), '\n') ==
        static_cast<long>(kToyVerdicts.size()));
}
