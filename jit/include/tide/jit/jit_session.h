// The parent's side of running a JIT image: hand an object to a fresh
// tide-runner process through an inherited memfd, let it run, and collect
// what happened (exit status, image base, crash chain, optionally output).
// The runner's report stream is parsed with parseRunnerReport; runtime
// addresses it returns are translated with runtimeToImage(…, imageBase,
// layoutImage(object)).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tide::jit {

enum class StdinMode { Inherit, Null };

// Does the runner's work in the calling process and never returns
// (tide::jit::hostImage from runner_host.h has this signature): what a
// PreforkedHost's child calls instead of exec'ing tide-runner.
using InProcessHost = void (*)(int objectFd, int reportFd, const char* programName,
                               const std::vector<std::string>& arguments);

struct RunOptions {
  std::string runnerPath;      // "" = tide-runner next to the current executable
  std::string programName;     // argv[0] of the program; "" = "program"
  bool captureStdout = false;  // else inherited
  bool captureStderr = false;  // else inherited
  StdinMode stdinMode = StdinMode::Inherit;
  int timeoutMilliseconds = 0;           // 0 = none; on expiry the runner is killed (SIGKILL)
  std::size_t captureLimit = 64u << 20;  // bytes kept per captured stream; the rest is drained
  // Return as soon as the program's exit is reported (its exit handlers
  // run, its output flushed), not when the process has finished tearing
  // itself down, which it goes on doing unwaited for. Only when nothing is
  // captured (else output could still be unread). For a caller about to
  // exit itself (`tide run`): the child, unreaped, goes to init.
  bool returnAtExitReport = false;
};

struct RunResult {
  bool started = false;  // the runner process was spawned
  std::string error;     // spawn failure, load failure or malformed report (empty if none)
  bool loadFailed = false;
  // 0..255 as a shell would report it: main's value & 0xff, 125 for a load
  // failure, 128 + signal for a crash (runner exit) or a kill (runner signaled).
  int exitCode = -1;
  int signal = 0;        // the fatal signal, 0 if the program ended normally
  bool crashed = false;  // the crash guard reported a fault
  bool timedOut = false;
  std::uint64_t imageBase = 0;  // 0 if the image never loaded
  std::uint64_t imageSize = 0;
  // Crash chain, runtime addresses, innermost first: frame 0 is the fault pc.
  std::vector<std::uint64_t> backtrace;
  std::size_t elisionIndex = 0;    // backtrace[elisionIndex] follows the elided frames
  std::uint64_t elidedFrames = 0;  // frames dropped (deep recursion)
  std::uint64_t faultAddress = 0;
  std::string stdoutText;
  std::string stderrText;
};

// Spawns tide-runner with `object` (see preforked_host.h for the forked
// child `tide run` hosts its program in instead).
RunResult runImage(const std::vector<std::uint8_t>& object, const std::vector<std::string>& args,
                   const RunOptions& options = {});

// Path of tide-runner next to the running executable (or $TIDE_RUNNER if set).
std::string defaultRunnerPath();

}  // namespace tide::jit
