// PreforkedHost: a host child forked before its object exists runs the
// object handed to it later exactly as runImage would, gives the program
// the whole CPU affinity mask back, and leaves no process behind when it
// is never used.
#include <errno.h>
#include <sched.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <string>

#include "jit_test_support.h"
#include "tide/jit/preforked_host.h"
#include "tide/jit/runner_host.h"

using namespace tide::jit;

namespace {

RunOptions forkedCapture() {
  RunOptions options;
  options.captureStdout = true;
  options.captureStderr = true;
  options.stdinMode = StdinMode::Null;
  options.timeoutMilliseconds = 20000;
  return options;
}

// True while this process has a child, exited or not (waitpid sees it).
bool hasChildren() { return waitpid(-1, nullptr, WNOHANG) != -1 || errno != ECHILD; }

}  // namespace

TEST_CASE("A preforked host runs the object it is given later, with its arguments") {
  RunOptions options = forkedCapture();
  options.programName = "echo.toy";
  PreforkedHost host(hostImage, options, {"7", "two words"});
  REQUIRE(host.started());
  const RunResult result = host.run(testing::readTestObject("exit_value"));
  INFO(result.error << result.stderrText);
  REQUIRE(result.started);
  CHECK(result.error.empty());
  CHECK(result.exitCode == 7);
  CHECK(!result.crashed);
  CHECK(result.imageBase != 0);
  CHECK(result.stdoutText == "argv[0]=echo.toy\nargv[1]=7\nargv[2]=two words\n");
  CHECK(!hasChildren());
}

TEST_CASE("With returnAtExitReport a run ends at the program's exit report") {
  RunOptions options;  // nothing captured: the early return needs that
  options.stdinMode = StdinMode::Null;
  options.returnAtExitReport = true;
  for (const char* how : {"return", "exit"}) {
    INFO(how);
    PreforkedHost host(hostImage, options, {"7", how});
    const RunResult result = host.run(testing::readTestObject("quiet_exit"));
    INFO(result.error);
    CHECK(result.error.empty());
    CHECK(result.exitCode == 7);
    CHECK(!result.crashed);
    CHECK(result.imageBase != 0);
  }
  // Not waited for by the run: reaped here, each having exited with its status.
  int status = 0, reaped = 0;
  while (waitpid(-1, &status, 0) > 0) {
    ++reaped;
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 7);
  }
  CHECK(reaped == 2);
}

TEST_CASE("With output captured a run still waits for the whole exit") {
  RunOptions options = forkedCapture();
  options.returnAtExitReport = true;
  PreforkedHost host(hostImage, options, {"7"});
  const RunResult result = host.run(testing::readTestObject("exit_value"));
  CHECK(result.exitCode == 7);
  CHECK(result.stdoutText == "argv[0]=program\nargv[1]=7\n");
  CHECK(!hasChildren());
}

TEST_CASE("A preforked host is used once") {
  PreforkedHost host(hostImage, forkedCapture(), {});
  REQUIRE(host.run(testing::readTestObject("exit_value")).exitCode == 42);
  const RunResult again = host.run(testing::readTestObject("exit_value"));
  CHECK(!again.started);
  CHECK(!again.error.empty());
}

TEST_CASE("The program in a preforked host may run on every CPU this process may") {
  cpu_set_t mine;
  CPU_ZERO(&mine);
  REQUIRE(sched_getaffinity(0, sizeof(mine), &mine) == 0);
  PreforkedHost host(hostImage, forkedCapture(), {});
  const RunResult result = host.run(testing::readTestObject("affinity"));
  INFO(result.error << result.stderrText);
  CHECK(result.exitCode == 0);
  CHECK(result.stdoutText == "cpus=" + std::to_string(CPU_COUNT(&mine)) + "\n");
}

TEST_CASE("A preforked host that never gets an object leaves no process behind") {
  REQUIRE(!hasChildren());
  {
    PreforkedHost host(hostImage, forkedCapture(), {});
    REQUIRE(host.started());
    CHECK(hasChildren());
  }
  CHECK(!hasChildren());
}

TEST_CASE("A crash in a preforked host is reported with its frame chain") {
  PreforkedHost host(hostImage, forkedCapture(), {"segv"});
  const RunResult result = host.run(testing::readTestObject("crash"));
  INFO(result.error << result.stderrText);
  CHECK(result.crashed);
  CHECK(result.signal == SIGSEGV);
  CHECK(result.exitCode == 128 + SIGSEGV);
  CHECK(!result.backtrace.empty());
}

TEST_CASE("A preforked host without a host function does not start") {
  PreforkedHost host(nullptr, forkedCapture(), {});
  CHECK(!host.started());
  CHECK(!host.error().empty());
  CHECK(!host.run({}).started);
}
