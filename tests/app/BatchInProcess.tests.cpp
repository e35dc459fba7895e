// The engine's in-process paths: staging with the compiler libraries in
// forked staging workers (a compile error keeps its diagnostics; a worker
// that crashes, hangs or throws costs one case), programs run as a forked
// function (output captured, the parent's stdio buffers not repeated, the
// report pipe), the jit-O0 backtrace oracle over the runner's symbolized
// crash chain, and the direct system linker command.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <thread>

#include "../batch/batch_test_support.h"
#include "batch/engine.h"
#include "batch/in_process_stage.h"
#include "batch/system_linker.h"

using namespace tide::batch;
using namespace tide::batch::testing;
using namespace std::chrono_literals;

namespace {

BatchOptions toyOptions(const std::string& laneName) {
  BatchOptions options;
  options.lanes = {*findLane(laneName)};
  options.environment = discoverLaneEnvironment(std::string(TIDE_BIN_DIR) + "/tide");
  options.jobs = 2;
  options.timeout = 3000ms;
  return options;
}

std::map<std::string, CaseResult> byCase(const std::vector<CaseResult>& results) {
  std::map<std::string, CaseResult> map;
  for (const CaseResult& r : results) map[r.caseName] = r;
  return map;
}

std::vector<Case> toyCases(const std::string& filter) {
  return filterCases(discoverCases({toyCorpus()}).cases, filter);
}

}  // namespace

TEST_CASE("in-process staging reports a compile error with the compiler's diagnostics",
          "[batch][inprocess]") {
  for (const char* lane : {"interp", "jit-O0"}) {
    INFO(lane);
    const BatchRun run =
        runBatch(toyCases("unexpected_compile_error"), toyOptions(lane), BatchSink{});
    REQUIRE(run.results.size() == 1);
    const CaseResult& result = run.results[0];
    CHECK(result.status == Status::CompileError);
    CHECK(result.message == "does not compile");
    CHECK(result.diagnostics.find("unexpected_compile_error.toy:3:") != std::string::npos);
    CHECK(result.diagnostics.find("error:") != std::string::npos);
    CHECK(run.strayProcessesKilled == 0);
  }
}

TEST_CASE("the jit-O0 lane checks the symbolized backtrace: right order passes, wrong fails",
          "[batch][inprocess][backtrace]") {
  const BatchRun run = runBatch(toyCases("crash_"), toyOptions("jit-O0"), BatchSink{});
  const auto results = byCase(run.results);
  REQUIRE(results.count("cases/crash_backtrace"));
  REQUIRE(results.count("cases/crash_misordered_backtrace"));
  const CaseResult& right = results.at("cases/crash_backtrace");
  INFO(right.message << "\n" << right.standardError);
  CHECK(right.status == Status::Pass);
  CHECK(right.backtrace == std::vector<std::string>{"bt_leaf", "bt_middle", "main"});
  // The trace is the one `tide run` prints: runtime pc, function+offset, line.
  CHECK(right.standardError.find("program received signal 11 (SIGSEGV); backtrace:") !=
        std::string::npos);
  CHECK(right.standardError.find("<bt_leaf+0x") != std::string::npos);
  CHECK(right.standardError.find("crash_backtrace.toy:4:12") != std::string::npos);
  const CaseResult& wrong = results.at("cases/crash_misordered_backtrace");
  CHECK(wrong.status == Status::Fail);
  CHECK(wrong.message == "wrong backtrace");
  CHECK(wrong.expected == "backtrace bt_middle < bt_leaf < main");
  CHECK(wrong.actual == "backtrace bt_leaf < bt_middle < main");
  CHECK(results.at("cases/crash_unexpected").status == Status::Crash);
}

TEST_CASE("a staging step that crashes, hangs or throws costs one case, not the run",
          "[batch][inprocess]") {
  LaneDescriptor lane = shellLane();
  lane.name = "custom";
  lane.stageKind = StageKind::Custom;
  lane.customStage = [](const std::string& source, const std::string&) -> ProcessOutcome {
    if (source.find("pass_status") != std::string::npos) {
      std::fputs("about to fault\n", stderr);
      std::fflush(stderr);
      std::raise(SIGSEGV);
    }
    if (source.find("pass_stdout") != std::string::npos)
      for (;;) pause();
    ProcessOutcome fine;
    fine.ending = ProcessEnding::Exited;
    fine.exitCode = 0;
    return fine;
  };
  BatchOptions options;
  options.lanes = {lane};
  options.jobs = 1;  // one worker, so the cases after the crash need a fresh one
  options.timeout = 1000ms;
  const std::vector<Case> cases = filterCases(discoverCases({shellCorpus()}).cases, "/");
  const BatchRun run = runBatch(cases, options, BatchSink{});
  const auto results = byCase(run.results);
  const CaseResult& crashed = results.at("cases/pass_status");
  CHECK(crashed.status == Status::Crash);
  CHECK(crashed.message == "the compiler crashed (signal 11)");
  CHECK(crashed.diagnostics.find("about to fault") != std::string::npos);
  const CaseResult& hung = results.at("cases/pass_stdout");
  CHECK(hung.status == Status::Timeout);
  CHECK(hung.message == "compiler timed out");
  // Everything else was staged by the next workers and ran as usual.
  CHECK(results.at("cases/wrong_status").status == Status::Fail);
  CHECK(results.at("cases/crash_backtrace").status == Status::Pass);
  CHECK(results.at("err/expected_error").status == Status::Fail);  // "compiled" here
  CHECK(run.strayProcessesKilled == 0);
}

TEST_CASE("an exception escaping a staging step is a compiler crash with its message",
          "[batch][inprocess]") {
  LaneDescriptor lane = shellLane();
  lane.name = "throws";
  lane.stageKind = StageKind::Custom;
  lane.customStage = [](const std::string&, const std::string&) -> ProcessOutcome {
    throw std::runtime_error("lowering went wrong");
  };
  BatchOptions options;
  options.lanes = {lane};
  const BatchRun run =
      runBatch(filterCases(discoverCases({shellCorpus()}).cases, "pass_"), options, BatchSink{});
  REQUIRE(run.results.size() == 2);
  for (const CaseResult& result : run.results) {
    CHECK(result.status == Status::Crash);
    CHECK(result.message == "the compiler crashed (signal 6)");
    CHECK(result.diagnostics.find("lowering went wrong") != std::string::npos);
  }
}

TEST_CASE("a forked in-process program has its own output and report pipe",
          "[batch][inprocess][isolation]") {
  std::fputs("[parent bytes not yet flushed]", stdout);  // must not reach the child's output
  ProcessSpec spec;
  spec.inProcess = [] {
    std::fputs("child out", stdout);
    std::fputs("child err", stderr);
    [[maybe_unused]] const ssize_t written = write(3, "RPT", 3);
    return 7;
  };
  spec.reportPipe = true;
  spec.timeout = 5000ms;
  const ProcessOutcome outcome = runIsolated(spec);
  std::fflush(stdout);
  CHECK(outcome.ending == ProcessEnding::Exited);
  CHECK(outcome.exitCode == 7);
  CHECK(outcome.standardOutput == "child out");
  CHECK(outcome.standardError == "child err");
  CHECK(outcome.report == "RPT");

  ProcessSpec endless;
  endless.inProcess = [] {
    for (;;) pause();
    return 0;
  };
  endless.timeout = 200ms;
  CHECK(runIsolated(endless).ending == ProcessEnding::TimedOut);
  CHECK(killRemainingChildren() == 0);
}

TEST_CASE("the direct linker command comes from the driver and links a runnable program",
          "[batch][inprocess][link]") {
  if (findExecutable("cc").empty()) {
    WARN("no cc on PATH: the aot lane is unavailable here");
    return;
  }
  const LinkerCommand direct = directLinkerCommand();
  REQUIRE_FALSE(direct.arguments.empty());
  CHECK(direct.direct);
  CHECK(std::filesystem::path(direct.arguments[0]).filename() == "ld");
  CHECK(std::count(direct.arguments.begin(), direct.arguments.end(), "{object}") == 1);
  CHECK(std::count(direct.arguments.begin(), direct.arguments.end(), "{output}") == 1);
  for (const std::string& argument : direct.arguments)
    CHECK(argument.rfind("-plugin", 0) == std::string::npos);

  ScratchDirectory scratch;
  const std::string stem = (scratch / "exit4").string();
  const ProcessOutcome staged = stageExecutable((toyCorpus() / "cases/wrong_status.toy").string(),
                                                stem + ".o", stem + ".exe", 0);
  INFO(staged.standardError);
  REQUIRE(staged.ending == ProcessEnding::Exited);
  REQUIRE(staged.exitCode == 0);
  ProcessSpec run;
  run.arguments = {stem + ".exe"};
  const ProcessOutcome ran = runIsolated(run);
  CHECK(ran.ending == ProcessEnding::Exited);
  CHECK(ran.exitCode == 4);
}
