// The printed crash backtrace: cut at the image boundary, elision marked
// with frame numbers that keep counting, descriptions from the callback.
#include <catch2/catch.hpp>

#include "jit_test_support.h"
#include "tide/jit/crash_backtrace.h"

using namespace tide::jit;

namespace {

constexpr std::uint64_t kBase = 0x7f0000000000;

ImageLayout oneSegmentLayout() {
  ImageLayout layout;
  layout.size = 0x2000;
  layout.segments.push_back({Permissions::ReadExecute, 0, 0x2000});
  return layout;
}

}  // namespace

TEST_CASE("The backtrace stops at the first frame past the image and keeps a C library frame 0") {
  RunResult result;
  result.signal = 6;
  result.imageBase = kBase;
  result.backtrace = {0x7f9999990000, kBase + 0x10, kBase + 0x40, 0x555555554000, kBase + 0x50};
  const std::string text =
      formatCrashBacktrace(result, oneSegmentLayout(), [](std::uint64_t address, bool returned) {
        return "f" + std::to_string(address) + (returned ? "r" : "");
      });
  CHECK(text ==
        "tide: program received signal 6 (SIGABRT); backtrace:\n"
        "#0  0x7f9999990000 (outside the program)\n"
        "#1  0x7f0000000010 f16r\n"
        "#2  0x7f0000000040 f64r\n");
}

TEST_CASE("Elided frames are announced and later frames keep their true depth") {
  RunResult result;
  result.signal = 11;
  result.imageBase = kBase;
  result.backtrace = {kBase + 0x10, kBase + 0x20, kBase + 0x20, kBase + 0x30, 0x1000};
  result.elisionIndex = 2;
  result.elidedFrames = 1000;
  const std::string text = formatCrashBacktrace(
      result, oneSegmentLayout(), [](std::uint64_t, bool) { return std::string("x"); });
  CHECK(text ==
        "tide: program received signal 11 (SIGSEGV); backtrace:\n"
        "#0  0x7f0000000010 x\n"
        "#1  0x7f0000000020 x\n"
        "... 1000 frames elided ...\n"
        "#1002 0x7f0000000020 x\n"
        "#1003 0x7f0000000030 x\n");
}

TEST_CASE("A long chain is cut to the printing limits with the true elided count") {
  RunResult result;
  result.signal = 11;
  result.imageBase = kBase;
  for (int i = 0; i < 10; ++i) result.backtrace.push_back(kBase + 0x10 + i);
  result.backtrace.push_back(0x1000);  // the runner's main: cut here
  result.elisionIndex = 6;
  result.elidedFrames = 500;  // the runner had already dropped 500 after frame 5
  const CrashBacktrace backtrace = crashBacktrace(result, oneSegmentLayout(), {3, 2});
  REQUIRE(backtrace.frames.size() == 5);
  CHECK(backtrace.frames[2].number == 2);
  CHECK(backtrace.frames[3].number == 508);
  CHECK(backtrace.frames[4].number == 509);
  CHECK(backtrace.elisionBefore == 3);
  CHECK(backtrace.elidedFrames == 505);
  CHECK(backtrace.frames[4].runtimeAddress == kBase + 0x19);
}
