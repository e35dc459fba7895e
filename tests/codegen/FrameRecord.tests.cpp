// The frame-pointer step function over synthetic stacks: a well-formed
// chain, and the guards against garbage links.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>

#include "tide/codegen/frame_record.h"

using tide::codegen::FrameStep;
using tide::codegen::FrameStepResult;
using tide::codegen::stepFrame;

namespace {

struct FakeMemory {
  std::map<std::uint64_t, std::uint64_t> words;
  void frame(std::uint64_t fp, std::uint64_t callerFp, std::uint64_t returnAddress) {
    words[fp] = callerFp;
    words[fp + 8] = returnAddress;
  }
};

bool readFake(void* context, std::uint64_t address, std::uint64_t* out) {
  auto& memory = *static_cast<FakeMemory*>(context);
  const auto it = memory.words.find(address);
  if (it == memory.words.end()) return false;
  *out = it->second;
  return true;
}

FrameStepResult step(FakeMemory& memory, std::uint64_t fp, FrameStep* out,
                     std::uint64_t limit = 0) {
  return stepFrame(fp, limit, readFake, &memory, out);
}

}  // namespace

TEST_CASE("a well-formed chain walks to its end", "[unwind]") {
  FakeMemory memory;
  memory.frame(0x1000, 0x1040, 0xaaa1);
  memory.frame(0x1040, 0x1100, 0xaaa2);
  memory.frame(0x1100, 0, 0xaaa3);
  std::uint64_t fp = 0x1000;
  std::vector<std::uint64_t> returns;
  FrameStep s;
  while (step(memory, fp, &s) == FrameStepResult::Ok) {
    returns.push_back(s.returnAddress);
    fp = s.callerFramePointer;
  }
  CHECK(returns == std::vector<std::uint64_t>{0xaaa1, 0xaaa2, 0xaaa3});
  CHECK(step(memory, fp, &s) == FrameStepResult::NullPointer);
}

TEST_CASE("garbage links stop the walk with a reason", "[unwind]") {
  FakeMemory memory;
  FrameStep s;
  SECTION("misaligned frame pointer") {
    CHECK(step(memory, 0x1008, &s) == FrameStepResult::Misaligned);
  }
  SECTION("unreadable record") { CHECK(step(memory, 0x2000, &s) == FrameStepResult::Unreadable); }
  SECTION("a loop") {
    memory.frame(0x1000, 0x1000, 0xaaa1);
    CHECK(step(memory, 0x1000, &s) == FrameStepResult::NotIncreasing);
  }
  SECTION("a link that goes down the stack") {
    memory.frame(0x1000, 0x0f00, 0xaaa1);
    CHECK(step(memory, 0x1000, &s) == FrameStepResult::NotIncreasing);
  }
  SECTION("a null return address") {
    memory.frame(0x1000, 0x1040, 0);
    CHECK(step(memory, 0x1000, &s) == FrameStepResult::NullReturn);
  }
  SECTION("a record beyond the stack limit") {
    memory.frame(0x1000, 0x1040, 0xaaa1);
    CHECK(step(memory, 0x1000, &s, 0x1008) == FrameStepResult::Unreadable);
  }
}
