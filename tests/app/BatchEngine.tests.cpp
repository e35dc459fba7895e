// The engine end to end (stage -> drain -> join) over tests/batch/sh-corpus
// with the test-only `sh` lane: every outcome status, the manifest, the JUnit
// file read back by a real XML parser, the JSON lines, shards merged, and no
// process left behind.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "../batch/batch_test_support.h"
#include "batch/batch_driver.h"
#include "batch/engine.h"
#include "batch/report_json.h"
#include "batch/report_junit.h"
#include "batch/shard.h"

using namespace tide::batch;
using namespace tide::batch::testing;
using namespace std::chrono_literals;

namespace {

const std::map<std::string, std::string> kExpectedVerdicts = {
    {"cases/closes_stdout", "timeout"},
    {"cases/crash_backtrace", "pass"},
    {"cases/crash_unexpected", "crash"},
    {"cases/crash_wrong_backtrace", "fail"},
    {"cases/endless_loop", "timeout"},
    {"cases/fork_bomb", "pass"},
    {"cases/leaves_child", "pass"},
    {"cases/pass_status", "pass"},
    {"cases/pass_stdout", "pass"},
    {"cases/skipped", "skip"},
    {"cases/unexpected_compile_error", "compile-error"},
    {"cases/wrong_status", "fail"},
    {"cases/wrong_stdout", "fail"},
    {"cases/writes_forever", "output-limit"},
    {"err/compiles_anyway", "fail"},
    {"err/expected_error", "pass"},
    {"err/wrong_diagnostic", "fail"},
};

BatchOptions shellOptions(const std::filesystem::path& keepStaging = {}) {
  BatchOptions options;
  options.lanes = {shellLane()};
  options.jobs = 2;
  options.timeout = 3000ms;  // generous: shared CI machines are slow, loops still end
  options.keepStaging = keepStaging;
  return options;
}

std::map<std::string, const CaseResult*> byCase(const std::vector<CaseResult>& results) {
  std::map<std::string, const CaseResult*> map;
  for (const CaseResult& r : results) map[r.caseName] = &r;
  return map;
}

void writeJsonLines(const std::filesystem::path& path, const std::vector<CaseResult>& results) {
  JsonLinesWriter writer;
  REQUIRE(writer.open(path));
  writer.write(headerToJson({"test", "host", {"sh"}, "2026-01-01T00:00:00Z", "", 2}));
  StatusTotals totals;
  for (const CaseResult& r : results) {
    writer.write(resultToJson(r));
    totals.add(r);
  }
  writer.write(footerToJson(totals, 1.0));
}

std::string junitSummary(const std::filesystem::path& xml) {
  const CommandOutput checked = runShell("python3 " + std::string(TIDE_SOURCE_DIR) +
                                         "/tests/batch/check_junit.py " + xml.string() + " 2>&1");
  INFO(checked.output);
  REQUIRE(checked.status == 0);
  return checked.output;
}

}  // namespace

TEST_CASE("every outcome of the shell corpus gets its status, and nothing survives",
          "[batch][engine]") {
  const std::vector<Case> cases = discoverCases({shellCorpus()}).cases;
  REQUIRE(cases.size() == kExpectedVerdicts.size());
  std::mutex mutex;
  std::vector<std::string> streamed;
  BatchSink sink;
  sink.result = [&](const CaseResult& r) {
    std::lock_guard lock(mutex);
    streamed.push_back(r.caseName);
  };
  const BatchRun run = runBatch(cases, shellOptions(), sink);
  CHECK(streamed.size() == cases.size());
  const auto results = byCase(run.results);
  for (const auto& [name, verdict] : kExpectedVerdicts) {
    INFO(name);
    REQUIRE(results.count(name));
    CHECK(std::string(statusName(results.at(name)->status)) == verdict);
  }
  CHECK(results.at("cases/skipped")->message == "not for the shell lane");
  CHECK(results.at("cases/crash_backtrace")->backtrace ==
        std::vector<std::string>{"bt_leaf", "bt_middle", "main"});
  CHECK(results.at("cases/crash_wrong_backtrace")->message == "wrong backtrace");
  CHECK(results.at("cases/wrong_stdout")->detail.find("-there\n+world\n") != std::string::npos);
  CHECK(results.at("cases/unexpected_compile_error")->diagnostics.find("Syntax error") !=
        std::string::npos);
  CHECK(results.at("err/wrong_diagnostic")->message == "diagnostics lack: no such message");
  CHECK(results.at("cases/writes_forever")->standardOutput.size() < 8192);  // truncated for reports
  CHECK(run.strayProcessesKilled == 0);
  CHECK(processesWithMarker("987.654") == 0);
  CHECK(processesWithMarker("sleep 100") == 0);
  CHECK_FALSE(std::filesystem::exists(run.stagingDirectory));  // temporary staging is removed
}

TEST_CASE("the kept staging directory holds a manifest entry per staged case", "[batch][engine]") {
  ScratchDirectory scratch;
  const std::vector<Case> cases = filterCases(discoverCases({shellCorpus()}).cases, "pass_");
  const BatchRun run = runBatch(cases, shellOptions(scratch / "staging"), {});
  const std::string manifest = readText(scratch / "staging/sh/manifest.jsonl");
  std::vector<JsonValue> lines;
  std::istringstream in(manifest);
  for (std::string line; std::getline(in, line);) lines.push_back(*parseJson(line).value);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].stringOr("id") == "0001");
  CHECK(lines[0].stringOr("case") == "cases/pass_status");
  CHECK(lines[0].stringOr("lane") == "sh");
  CHECK(lines[0].stringOr("options") == "-n");
  CHECK(lines[0].numberOr("expected") == 3);
  CHECK(lines[1].stringOr("case") == "cases/pass_stdout");
  for (const CaseResult& r : run.results) CHECK(!r.id.empty());
}

TEST_CASE("a lane whose prerequisite is missing skips every case with the reason",
          "[batch][engine]") {
  LaneDescriptor lane = shellLane();
  lane.name = "needs-nothing-here";
  lane.prerequisites = {{Prerequisite::Kind::ProgramOnPath, "no-such-tool-tide-test"}};
  BatchOptions options = shellOptions();
  options.lanes = {lane};
  const std::vector<Case> cases = discoverCases({shellCorpus()}).cases;
  std::string laneReason;
  BatchSink sink;
  sink.laneStarted = [&](const LaneDescriptor&, const std::string& reason) { laneReason = reason; };
  const BatchRun run = runBatch(cases, options, sink);
  CHECK(laneReason == "no 'no-such-tool-tide-test' on PATH");
  REQUIRE(run.results.size() == cases.size());
  for (const CaseResult& r : run.results) {
    CHECK(r.status == Status::Skip);
    CHECK(r.message == "lane unavailable: no 'no-such-tool-tide-test' on PATH");
  }
}

TEST_CASE("the JUnit file parses as XML and lists every case with its verdict",
          "[batch][engine][junit]") {
  ScratchDirectory scratch;
  const BatchRun run = runBatch(discoverCases({shellCorpus()}).cases, shellOptions(), {});
  const RunHeader header{"test", "host<&>", {"sh"}, "2026-01-01T00:00:00Z", "", 2};
  REQUIRE(writeTextFile(scratch / "junit.xml", junitXml(run.results, {"sh"}, header)));
  const std::string summary = junitSummary(scratch / "junit.xml");
  CHECK(summary.find("sh\tcases/pass_status\tpass\n") != std::string::npos);
  CHECK(summary.find("sh\tcases/wrong_status\tfailure:fail\n") != std::string::npos);
  CHECK(summary.find("sh\tcases/crash_unexpected\terror:crash\n") != std::string::npos);
  CHECK(summary.find("sh\tcases/endless_loop\terror:timeout\n") != std::string::npos);
  CHECK(summary.find("sh\tcases/writes_forever\terror:output-limit\n") != std::string::npos);
  CHECK(summary.find("sh\tcases/unexpected_compile_error\terror:compile-error\n") !=
        std::string::npos);
  CHECK(summary.find("sh\tcases/skipped\tskipped\n") != std::string::npos);
  // The failure text carries the backtrace.
  CHECK(readText(scratch / "junit.xml").find("  #1 bt_middle") != std::string::npos);
}

TEST_CASE("hostile text in names and output stays well-formed XML", "[batch][junit]") {
  CaseResult r;
  r.caseName = "cases/<&\"'>";
  r.lane = "sh";
  r.status = Status::Fail;
  r.message = "]]> \x01\x1b[31m \xff";
  r.standardOutput = "<script>&amp;</script>\x02";
  ScratchDirectory scratch;
  REQUIRE(writeTextFile(scratch / "junit.xml", junitXml({r}, {"sh"}, {})));
  CHECK(junitSummary(scratch / "junit.xml") == "sh\tcases/<&\"'>\tfailure:fail\n");
  CHECK(xmlEscaped("a<b&\x01") == "a&lt;b&amp;\\x01");
}

TEST_CASE("JSON lines round-trip every result field", "[batch][engine][json]") {
  ScratchDirectory scratch;
  const BatchRun run =
      runBatch(filterCases(discoverCases({shellCorpus()}).cases, "crash_"), shellOptions(), {});
  writeJsonLines(scratch / "r.json", run.results);
  const ResultFile file = readResultFile(scratch / "r.json");
  CHECK(file.errors.empty());
  REQUIRE(file.header);
  CHECK(file.header->lanes == std::vector<std::string>{"sh"});
  REQUIRE(file.results.size() == run.results.size());
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    CHECK(file.results[i].caseName == run.results[i].caseName);
    CHECK(file.results[i].status == run.results[i].status);
    CHECK(file.results[i].backtrace == run.results[i].backtrace);
    CHECK(file.results[i].standardError == run.results[i].standardError);
    CHECK(file.results[i].durationMs == Approx(run.results[i].durationMs));
  }
  // Every line is one JSON object; the last is the footer with the totals.
  const std::string text = readText(scratch / "r.json");
  const std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  const JsonParseResult footer = parseJson(last);
  REQUIRE(footer.value);
  CHECK(footer.value->stringOr("type") == "footer");
  CHECK(footer.value->numberOr("total") == static_cast<double>(run.results.size()));
}

TEST_CASE("merging the JSON of every shard gives the report of the whole corpus",
          "[batch][engine][merge]") {
  ScratchDirectory scratch;
  const std::vector<Case> corpus = filterCases(discoverCases({shellCorpus()}).cases, "pass");
  REQUIRE(corpus.size() == 2);
  std::vector<std::string> inputs;
  for (int k = 0; k < 2; ++k) {
    const BatchRun run = runBatch(selectShard(corpus, {k, 2}), shellOptions(), {});
    CHECK(run.results.size() == 1);
    inputs.push_back((scratch / ("shard" + std::to_string(k) + ".json")).string());
    writeJsonLines(inputs.back(), run.results);
  }
  std::vector<std::string> arguments = inputs;
  arguments.push_back("--junit");
  arguments.push_back((scratch / "merged.xml").string());
  arguments.push_back("--json");
  arguments.push_back((scratch / "merged.json").string());
  std::FILE* sinkFile = std::tmpfile();
  CHECK(runBatchMergeCommand(arguments, sinkFile, sinkFile) == 0);
  std::fclose(sinkFile);
  CHECK(junitSummary(scratch / "merged.xml") ==
        "sh\tcases/pass_status\tpass\nsh\tcases/pass_stdout\tpass\n");
  CHECK(readResultFile(scratch / "merged.json").results.size() == 2);

  // A failure in any input makes the merge fail; a non-result file is bad usage.
  CaseResult failed;
  failed.caseName = "cases/other";
  failed.lane = "sh";
  failed.status = Status::Crash;
  writeJsonLines(scratch / "failed.json", {failed});
  std::FILE* quiet = std::tmpfile();
  const std::vector<std::string> withFailure{inputs[0], (scratch / "failed.json").string(),
                                             "--junit", (scratch / "m2.xml").string()};
  CHECK(runBatchMergeCommand(withFailure, quiet, quiet) == 1);
  writeTextFile(scratch / "garbage.json", "not json\n");
  const std::vector<std::string> garbage{(scratch / "garbage.json").string(), "--junit",
                                         (scratch / "m3.xml").string()};
  CHECK(runBatchMergeCommand(garbage, quiet, quiet) == 2);
  const std::vector<std::string> noOutput{inputs[0]};
  CHECK(runBatchMergeCommand(noOutput, quiet, quiet) == 2);
  std::fclose(quiet);
}

TEST_CASE("a corpus in a private directory runs through its staged copy", "[batch][engine]") {
  ScratchDirectory scratch;  // mkdtemp: mode 0700, unreadable for the isolation uids
  std::filesystem::create_directories(scratch / "corpus/cases");
  std::ofstream(scratch / "corpus/cases/three.toy") << "exit 3\n";
  std::ofstream(scratch / "corpus/cases/three.expected") << "3\n";
  LaneDescriptor lane = shellLane();
  lane.executeCommand = {"sh", "{staged}.toy"};
  BatchOptions options = shellOptions();
  options.lanes = {lane};
  const BatchRun run = runBatch(discoverCases({scratch / "corpus"}).cases, options, {});
  REQUIRE(run.results.size() == 1);
  INFO(run.results[0].message << run.results[0].standardError);
  CHECK(run.results[0].status == Status::Pass);
}
