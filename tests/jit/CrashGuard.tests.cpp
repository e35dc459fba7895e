// The runner's crash guard: each fault kind exits 128 + signal and reports
// the frame chain; the chain, translated to image addresses, walks
// bt_leaf -> bt_mid -> bt_root -> main, checked against the object's own
// symbols. Stack overflow is caught on the alternate stack and elided.
#include <pthread.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "jit_test_support.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_layout.h"
#include "tide/jit/jit_session.h"

using namespace tide::jit;

namespace {

struct Crash {
  RunResult result;
  std::vector<std::string> functions;  // per frame, "" outside the image
};

Crash crashWith(const std::string& mode) {
  const std::vector<std::uint8_t> bytes = testing::readTestObject("crash");
  const ElfObject object = *parseElfObject(bytes).object;
  const ImageLayout layout = *layoutImage(object).layout;
  RunOptions options;
  options.runnerPath = testing::runnerPath();
  options.captureStdout = true;
  options.captureStderr = true;
  options.timeoutMilliseconds = 20000;
  Crash crash;
  crash.result = runImage(bytes, {mode}, options);
  for (std::uint64_t address : crash.result.backtrace) {
    const std::uint64_t image = runtimeToImage(address, crash.result.imageBase, layout);
    crash.functions.push_back(image == 0 ? "" : testing::functionAt(object, layout, image));
  }
  return crash;
}

// The frames from the first image frame up to main.
std::vector<std::string> imageFrames(const Crash& crash) {
  std::vector<std::string> frames;
  for (const std::string& function : crash.functions) {
    if (function.empty() && frames.empty()) continue;  // frame 0 in the C library
    if (function.empty()) break;                       // left the image past main
    frames.push_back(function);
  }
  return frames;
}

const std::vector<std::string> kExpectedChain = {"bt_leaf", "bt_mid", "bt_root", "main"};

}  // namespace

TEST_CASE("A null dereference exits 139 with the chain bt_leaf, bt_mid, bt_root, main") {
  const Crash crash = crashWith("segv");
  INFO(crash.result.error << crash.result.stderrText);
  CHECK(crash.result.exitCode == 139);
  CHECK(crash.result.crashed);
  CHECK(crash.result.signal == SIGSEGV);
  CHECK(crash.result.faultAddress == 0);
  CHECK(imageFrames(crash) == kExpectedChain);
  REQUIRE(!crash.functions.empty());
  CHECK(crash.functions[0] == "bt_leaf");  // frame 0 is the faulting instruction itself
}

TEST_CASE("ud2 exits 132 (SIGILL) with the full chain") {
  const Crash crash = crashWith("ud2");
  CHECK(crash.result.exitCode == 132);
  CHECK(crash.result.signal == SIGILL);
  CHECK(imageFrames(crash) == kExpectedChain);
}

TEST_CASE("Division by zero exits 136 (SIGFPE) with the full chain") {
  const Crash crash = crashWith("div");
  CHECK(crash.result.exitCode == 136);
  CHECK(crash.result.signal == SIGFPE);
  CHECK(imageFrames(crash) == kExpectedChain);
}

TEST_CASE("int3 exits 133 (SIGTRAP) with the full chain") {
  const Crash crash = crashWith("int3");
  CHECK(crash.result.exitCode == 133);
  CHECK(crash.result.signal == SIGTRAP);
  CHECK(imageFrames(crash) == kExpectedChain);
}

TEST_CASE("abort() inside the C library exits 134 and the chain still starts at bt_leaf") {
  const Crash crash = crashWith("abort");
  CHECK(crash.result.exitCode == 134);
  CHECK(crash.result.signal == SIGABRT);
  REQUIRE(!crash.functions.empty());
  CHECK(crash.functions[0].empty());  // the fault pc is in libc
  CHECK(imageFrames(crash) == kExpectedChain);
}

TEST_CASE("A fault inside a C library leaf function still reports the chain from bt_leaf") {
  const Crash crash = crashWith("strlen");
  CHECK(crash.result.exitCode == 139);
  REQUIRE(!crash.functions.empty());
  CHECK(crash.functions[0].empty());  // inside strlen
  CHECK(imageFrames(crash) == kExpectedChain);
}

TEST_CASE(
    "A decoy frame record below bt_leaf's does not hijack the chain after a fault outside the "
    "image") {
  // What broke abort() in -O2 builds: the C library spilled the runner's
  // callee-saved registers (the program's main entry and a stack pointer)
  // in a pair that looked like a frame record, and the walk started there.
  const Crash crash = crashWith("decoy");
  CHECK(crash.result.exitCode == 139);
  REQUIRE(!crash.functions.empty());
  CHECK(crash.functions[0].empty());  // the jump target on the stack
  CHECK(imageFrames(crash) == kExpectedChain);
}

TEST_CASE("Unbounded recursion overflows the stack, exits 139 quickly, elided in the middle") {
  const auto start = std::chrono::steady_clock::now();
  const Crash crash = crashWith("overflow");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(crash.result.exitCode == 139);
  CHECK(crash.result.signal == SIGSEGV);
  CHECK(elapsed < std::chrono::seconds(5));
  CHECK(crash.result.elidedFrames > 50000);
  REQUIRE(crash.result.elisionIndex > 0);
  REQUIRE(crash.result.elisionIndex < crash.functions.size());
  for (std::size_t i = 0; i < crash.result.elisionIndex; ++i)
    CHECK(crash.functions[i] == "recurse");
  // The outermost kept frames end with recurse's first caller, main.
  const std::vector<std::string> frames = imageFrames(crash);
  REQUIRE(!frames.empty());
  CHECK(frames.back() == "main");
  CHECK(crash.result.backtrace.size() + crash.result.elidedFrames > 100000);
}

TEST_CASE("The guard works even when the parent has the fatal signals blocked") {
  sigset_t blocked, previous;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGSEGV);
  sigaddset(&blocked, SIGABRT);
  pthread_sigmask(SIG_BLOCK, &blocked, &previous);
  const Crash segv = crashWith("segv");
  const Crash abortion = crashWith("abort");
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  CHECK(segv.result.exitCode == 139);
  CHECK(imageFrames(segv) == kExpectedChain);
  CHECK(abortion.result.exitCode == 134);
  CHECK(imageFrames(abortion) == kExpectedChain);
}
