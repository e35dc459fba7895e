// Process isolation (app/batch/isolated_process.h) with plain shell commands:
// statuses, deadlines, the output cap, leftovers, fork bombs, and that one
// misbehaving case does not slow another.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "../batch/batch_test_support.h"
#include "batch/engine.h"
#include "batch/isolated_process.h"

using namespace tide::batch;
using namespace tide::batch::testing;
using namespace std::chrono_literals;

namespace {

ProcessSpec shell(const std::string& script, std::chrono::milliseconds timeout = 5000ms) {
  ProcessSpec spec;
  spec.arguments = {"sh", "-c", script};
  spec.timeout = timeout;
  return spec;
}

}  // namespace

TEST_CASE("exit codes and output are captured, stdin is empty", "[batch][isolation]") {
  const ProcessOutcome outcome = runIsolated(shell("cat; echo out; echo err >&2; exit 300"));
  CHECK(outcome.ending == ProcessEnding::Exited);
  CHECK(outcome.shellStatus() == 44);  // 300 & 0xFF
  CHECK(outcome.standardOutput == "out\n");
  CHECK(outcome.standardError == "err\n");
  CHECK_FALSE(outcome.groupSurvived);
}

TEST_CASE("a death by signal reports 128 + the signal", "[batch][isolation]") {
  const ProcessOutcome outcome = runIsolated(shell("kill -SEGV $$"));
  CHECK(outcome.ending == ProcessEnding::Signaled);
  CHECK(outcome.signal == SIGSEGV);
  CHECK(outcome.shellStatus() == 139);
}

TEST_CASE("an endless loop is killed at the deadline", "[batch][isolation]") {
  const auto start = std::chrono::steady_clock::now();
  const ProcessOutcome outcome = runIsolated(shell("while :; do :; done", 300ms));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(outcome.ending == ProcessEnding::TimedOut);
  CHECK(elapsed >= 300ms);
  CHECK(elapsed < 3s);
  CHECK_FALSE(outcome.groupSurvived);
}

TEST_CASE("closing stdout and stderr does not end the deadline", "[batch][isolation]") {
  const ProcessOutcome outcome = runIsolated(shell("exec >&- 2>&-; while :; do :; done", 300ms));
  CHECK(outcome.ending == ProcessEnding::TimedOut);
}

TEST_CASE("writing forever stops at the output cap and the writer is killed",
          "[batch][isolation]") {
  ProcessSpec spec = shell("exec yes");
  spec.outputLimit = 1 << 20;
  const auto start = std::chrono::steady_clock::now();
  const ProcessOutcome outcome = runIsolated(spec);
  CHECK(outcome.ending == ProcessEnding::OutputLimit);
  CHECK(outcome.outputTruncated);
  CHECK(outcome.standardOutput.size() == (1u << 20));
  CHECK(outcome.standardOutput.substr(0, 4) == "y\ny\n");
  CHECK(std::chrono::steady_clock::now() - start < 4s);
}

TEST_CASE("children left behind are killed with the group", "[batch][isolation]") {
  const ProcessOutcome outcome = runIsolated(shell("sleep 971.5 & sleep 971.5 & exit 0"));
  CHECK(outcome.ending == ProcessEnding::Exited);
  CHECK(outcome.exitCode == 0);
  CHECK(processesWithMarker("971.5") == 0);
}

TEST_CASE("a background writer holding the pipe does not hold the engine", "[batch][isolation]") {
  // The shell exits at once; its child keeps stdout open and would block a
  // reader that waited for end-of-file.
  const auto start = std::chrono::steady_clock::now();
  const ProcessOutcome outcome = runIsolated(shell("(sleep 972.5) & echo started"));
  CHECK(outcome.ending == ProcessEnding::Exited);
  CHECK(outcome.standardOutput == "started\n");
  CHECK(std::chrono::steady_clock::now() - start < 3s);
  CHECK(processesWithMarker("972.5") == 0);
}

TEST_CASE("a fork bomb is bounded by RLIMIT_NPROC and leaves nothing behind",
          "[batch][isolation]") {
  ProcessSpec spec = shell("while :; do sleep 973.5 & done");
  spec.limits.processCount = 32;
  spec.runAsUser = 3900100;  // as root, RLIMIT_NPROC needs a uid of its own
  const ProcessOutcome outcome = runIsolated(spec);
  CHECK(outcome.ending == ProcessEnding::Exited);
  CHECK(outcome.exitCode == 2);  // dash: "Cannot fork"
  CHECK(outcome.standardError.find("fork") != std::string::npos);
  CHECK(processesWithMarker("973.5") == 0);
}

TEST_CASE("a process that leaves its group is still killed through its uid", "[batch][isolation]") {
  if (geteuid() != 0) {
    WARN("not root: the uid sweep is off, nothing to check");
    return;
  }
  ProcessSpec spec = shell("setsid sleep 974.5 & sleep 0.2; exit 0");
  spec.runAsUser = 3900101;
  runIsolated(spec);
  CHECK(processesWithMarker("974.5") == 0);
}

TEST_CASE("a missing program is a spawn failure, not a crash", "[batch][isolation]") {
  ProcessSpec spec;
  spec.arguments = {"/nonexistent/program"};
  const ProcessOutcome outcome = runIsolated(spec);
  CHECK(outcome.ending == ProcessEnding::SpawnFailed);
  CHECK(outcome.spawnError.find("/nonexistent/program") != std::string::npos);
  CHECK(outcome.shellStatus() == -1);
}

TEST_CASE("rlimits reach the program", "[batch][isolation]") {
  ProcessSpec spec = shell("ulimit -t; ulimit -f; ulimit -v");
  spec.limits = {.cpuSeconds = 7,
                 .addressSpaceBytes = std::uint64_t{1} << 30,
                 .fileSizeBytes = 1 << 20,
                 .processCount = 0};
  const ProcessOutcome outcome = runIsolated(spec);
  CHECK(outcome.standardOutput ==
        "7\n2048\n1048576\n");  // ulimit -f counts 512-byte blocks, -v KiB
}

TEST_CASE("a misbehaving case does not slow the one running beside it", "[batch][isolation]") {
  std::chrono::steady_clock::duration quick{};
  std::thread bomb([] {
    ProcessSpec spec = shell("while :; do sleep 975.5 & done", 2000ms);
    spec.limits.processCount = 32;
    spec.runAsUser = 3900102;
    runIsolated(spec);
  });
  std::thread writer([] { runIsolated(shell("exec yes", 2000ms)); });
  std::this_thread::sleep_for(100ms);
  const auto start = std::chrono::steady_clock::now();
  const ProcessOutcome outcome = runIsolated(shell("echo fine"));
  quick = std::chrono::steady_clock::now() - start;
  bomb.join();
  writer.join();
  CHECK(outcome.standardOutput == "fine\n");
  CHECK(quick < 1s);
  CHECK(processesWithMarker("975.5") == 0);
}

TEST_CASE("parallelFor runs every index once on at most `jobs` slots", "[batch][isolation]") {
  std::vector<std::atomic<int>> hits(100);
  std::atomic<int> maxSlot{0};
  parallelFor(hits.size(), 3, [&](std::size_t index, int slot) {
    ++hits[index];
    int seen = maxSlot.load();
    while (slot > seen && !maxSlot.compare_exchange_weak(seen, slot)) {
    }
  });
  for (const auto& hit : hits) CHECK(hit == 1);
  CHECK(maxSlot < 3);
}

TEST_CASE("an interrupted run kills every case in flight", "[batch][isolation]") {
  // What the SIGINT/SIGTERM handler of `tide --batch` calls.
  ProcessOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  std::thread running(
      [&] { outcome = runIsolated(shell("sleep 976.5 & sleep 976.5; exit 0", 20000ms)); });
  std::this_thread::sleep_for(300ms);
  killActiveGroupsFromSignalHandler();
  running.join();
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  CHECK(outcome.ending == ProcessEnding::Signaled);
  CHECK(processesWithMarker("976.5") == 0);
}

TEST_CASE("the final sweep leaves the host's own children alone", "[batch][isolation]") {
  // A GUI hosting the engine has children of its own (debuggees, tools).
  const pid_t host = fork();
  if (host == 0) {
    execlp("sleep", "sleep", "977.5", static_cast<char*>(nullptr));
    _exit(127);
  }
  REQUIRE(host > 0);
  std::this_thread::sleep_for(100ms);
  killRemainingChildren(1u << 30);
  CHECK(processesWithMarker("977.5") == 1);
  kill(host, SIGKILL);
  waitpid(host, nullptr, 0);
}
