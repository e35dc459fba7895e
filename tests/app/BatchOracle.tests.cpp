// The oracles (app/batch/oracle.h): backtrace parsing and matching, the
// stdout diff, and the verdicts judgeCase gives for each kind of outcome.
#include <catch2/catch.hpp>

#include "../batch/batch_test_support.h"
#include "batch/oracle.h"

using namespace tide::batch;
using namespace tide::batch::testing;

namespace {

ProcessOutcome exited(int code, std::string out = {}, std::string err = {}) {
  ProcessOutcome outcome;
  outcome.ending = ProcessEnding::Exited;
  outcome.exitCode = code;
  outcome.standardOutput = std::move(out);
  outcome.standardError = std::move(err);
  return outcome;
}

Case runCase(int expected) {
  Case c;
  c.name = "cases/x";
  c.expectedStatus = expected;
  return c;
}

}  // namespace

TEST_CASE("function names are read from the runner's backtrace lines", "[batch][oracle]") {
  const std::string stderrText =
      "fault: SIGSEGV\n"
      "#0  0x00007f0000001014 <bt_leaf+0x14> at crash.toy:3:5\n"
      "#1  0x00007f0000001042 <bt_middle+0x12> at crash.toy:7:5\n"
      "  #2  0x00007f0000001080 <main> at crash.toy:11:12\n"
      "#x  not a frame <nope+0x1>\n"
      "#3  0x0000000000000000 <>\n";
  CHECK(functionsFromBacktrace(stderrText) ==
        std::vector<std::string>{"bt_leaf", "bt_middle", "main"});
  const std::string interpreterText =
      "tide: program received signal 11 (SIGSEGV); backtrace:\n"
      "#0  bt_leaf at crash.toy:4:12\n"
      "#1  main at crash.toy:10:12\n";
  CHECK(functionsFromBacktrace(interpreterText) == std::vector<std::string>{"bt_leaf", "main"});
}

TEST_CASE("a backtrace matches when the expected names appear in order", "[batch][oracle]") {
  const std::vector<std::string> actual{"bt_leaf", "helper", "bt_middle", "main"};
  CHECK(backtraceMatches({"bt_leaf", "bt_middle", "main"}, actual));
  CHECK(backtraceMatches({}, actual));
  CHECK_FALSE(backtraceMatches({"bt_middle", "bt_leaf"}, actual));
  CHECK_FALSE(backtraceMatches({"bt_leaf", "other"}, actual));
}

TEST_CASE("the stdout diff is a short unified diff of the differing lines", "[batch][oracle]") {
  const std::string diff = unifiedDiff("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nX\ne\nf\n");
  CHECK(diff == "--- expected\n+++ actual\n@@ -2,5 +2,5 @@\n b\n c\n-d\n+X\n e\n f\n");
  CHECK(unifiedDiff("a\n", "a").find("final newline") != std::string::npos);
  std::string many;
  for (int i = 0; i < 100; ++i) many += std::to_string(i) + "\n";
  CHECK(unifiedDiff("", many, 10).find("[... 90 more diff lines]") != std::string::npos);
}

TEST_CASE("judgeCase gives each outcome its status", "[batch][oracle]") {
  const LaneDescriptor lane = shellLane();
  const auto statusOf = [&](const Case& c, std::optional<ProcessOutcome> staged,
                            std::optional<ProcessOutcome> run) {
    return judgeCase(c, lane, staged, run).status;
  };
  CHECK(statusOf(runCase(3), exited(0), exited(3)) == Status::Pass);
  CHECK(statusOf(runCase(3), exited(0), exited(259)) == Status::Pass);  // masked to 8 bits
  CHECK(statusOf(runCase(3), exited(0), exited(4)) == Status::Fail);
  CHECK(statusOf(runCase(0), exited(0), exited(139)) == Status::Crash);
  CHECK(statusOf(runCase(0), exited(1, "", "error: x"), std::nullopt) == Status::CompileError);

  ProcessOutcome signaled;
  signaled.ending = ProcessEnding::Signaled;
  signaled.signal = 4;
  CHECK(statusOf(runCase(132), exited(0), signaled) == Status::Pass);
  CHECK(statusOf(runCase(0), exited(0), signaled) == Status::Crash);

  ProcessOutcome timedOut;
  timedOut.ending = ProcessEnding::TimedOut;
  CHECK(statusOf(runCase(0), exited(0), timedOut) == Status::Timeout);
  CHECK(statusOf(runCase(0), timedOut, std::nullopt) == Status::Timeout);
  ProcessOutcome flood;
  flood.ending = ProcessEnding::OutputLimit;
  CHECK(statusOf(runCase(0), exited(0), flood) == Status::OutputLimit);

  Case withStdout = runCase(0);
  withStdout.expectedStdout = "hi\n";
  CHECK(statusOf(withStdout, exited(0), exited(0, "hi\n")) == Status::Pass);
  const CaseResult wrong = judgeCase(withStdout, lane, exited(0), exited(0, "ho\n"));
  CHECK(wrong.status == Status::Fail);
  CHECK(wrong.detail.find("-hi\n+ho\n") != std::string::npos);
}

TEST_CASE("a compile-failure case passes only when compiling fails with every diagnostic",
          "[batch][oracle]") {
  Case c;
  c.name = "err/x";
  c.kind = CaseKind::CompileError;
  c.expectedDiagnostics = {"x.toy:3:", "mismatch"};
  const LaneDescriptor lane = shellLane();
  CHECK(judgeCase(c, lane, exited(1, "", "x.toy:3:5: error: type mismatch"), std::nullopt).status ==
        Status::Pass);
  const CaseResult missing =
      judgeCase(c, lane, exited(1, "", "x.toy:3:5: error: other"), std::nullopt);
  CHECK(missing.status == Status::Fail);
  CHECK(missing.message == "diagnostics lack: mismatch");
  CHECK(judgeCase(c, lane, exited(0), std::nullopt).message ==
        "compiled, but must fail to compile");
  ProcessOutcome compilerCrash;
  compilerCrash.ending = ProcessEnding::Signaled;
  compilerCrash.signal = 11;
  CHECK(judgeCase(c, lane, compilerCrash, std::nullopt).status == Status::Crash);
}
