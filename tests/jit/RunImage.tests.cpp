// runImage end to end: gcc-built objects run in tide-runner; exit values,
// C library calls, output capture, W^X mappings, load failures, timeouts.
#include <catch2/catch.hpp>

#include "jit_test_support.h"
#include "tide/jit/jit_session.h"

using namespace tide::jit;

namespace {

RunOptions captured() {
  RunOptions options;
  options.runnerPath = testing::runnerPath();
  options.captureStdout = true;
  options.captureStderr = true;
  options.stdinMode = StdinMode::Null;
  options.timeoutMilliseconds = 20000;
  return options;
}

}  // namespace

TEST_CASE("A program's return value becomes the exit status and argv reaches main") {
  RunOptions options = captured();
  options.programName = "echo.toy";
  const RunResult result =
      runImage(testing::readTestObject("exit_value"), {"7", "two words"}, options);
  INFO(result.error << result.stderrText);
  REQUIRE(result.started);
  CHECK(result.error.empty());
  CHECK(result.exitCode == 7);
  CHECK(result.signal == 0);
  CHECK(!result.crashed);
  CHECK(result.imageBase != 0);
  CHECK(result.imageBase % 4096 == 0);
  CHECK(result.stdoutText == "argv[0]=echo.toy\nargv[1]=7\nargv[2]=two words\n");
}

TEST_CASE("Exit values are reduced modulo 256 like a native exit") {
  const RunResult result = runImage(testing::readTestObject("exit_value"), {"300"}, captured());
  CHECK(result.exitCode == 300 % 256);
}

TEST_CASE("Programs call printf, puts, malloc and libm's sqrt through resolved externs") {
  const RunResult result = runImage(testing::readTestObject("libc_calls"), {}, captured());
  INFO(result.error << result.stderrText);
  CHECK(result.exitCode == 9);
  CHECK(result.stdoutText == "sqrt(2)=1.414214\nputs works\nheap copy 9\n");
  CHECK(result.stderrText == "to stderr\n");
}

TEST_CASE("Global data initialised with relocations reads back correctly") {
  for (const char* name : {"globals", "globals_nopic"}) {
    INFO(name);
    const RunResult result = runImage(testing::readTestObject(name), {}, captured());
    INFO(result.error << result.stderrText);
    CHECK(result.exitCode == 0);
    CHECK(result.stdoutText ==
          "alpha beta gamma first->last counter=60 middle=30 ops=14,21 zeroed=5\n");
  }
}

TEST_CASE("The image's code is mapped R+X, constants R, data R+W, and nothing is W+X") {
  const RunResult result = runImage(testing::readTestObject("wx_maps"), {}, captured());
  INFO(result.error << result.stderrText);
  CHECK(result.exitCode == 0);
  CHECK(result.stdoutText == "code r-xp\nconstant r--p\nwritable rw-p\nwx-mappings=0\n");
}

TEST_CASE("An object with undefined externs fails to load with their names") {
  const RunResult result = runImage(testing::readTestObject("undefined_symbol"), {}, captured());
  CHECK(result.started);
  CHECK(result.loadFailed);
  CHECK(result.exitCode == 125);
  CHECK(result.imageBase == 0);
  CHECK(result.error.find("tide_test_missing_function") != std::string::npos);
  CHECK(result.error.find("tide_test_other_missing") != std::string::npos);
}

TEST_CASE("A corrupt object fails to load without crashing the runner") {
  std::vector<std::uint8_t> object = testing::readTestObject("exit_value");
  object.resize(object.size() / 2);
  const RunResult result = runImage(object, {}, captured());
  CHECK(result.loadFailed);
  CHECK(result.exitCode == 125);
  CHECK(!result.crashed);
  CHECK(result.error.find("offset") != std::string::npos);
}

TEST_CASE("A program that does not finish is killed at the timeout") {
  RunOptions options = captured();
  options.timeoutMilliseconds = 300;
  const RunResult result = runImage(testing::readTestObject("spin"), {}, options);
  CHECK(result.timedOut);
  CHECK(result.signal == 9);
  CHECK(result.exitCode == 137);
}

TEST_CASE("A missing runner executable is a spawn error") {
  RunOptions options = captured();
  options.runnerPath = "/nonexistent/tide-runner";
  const RunResult result = runImage(testing::readTestObject("exit_value"), {}, options);
  CHECK(!result.started);
  CHECK(result.error.find("cannot start") != std::string::npos);
}
