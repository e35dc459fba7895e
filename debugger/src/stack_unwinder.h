// The call stack of the stopped program: codegen's stepFrame (the project's
// one frame-pointer unwinder step) over the debuggee's memory. Memory is read
// in 64 KiB chunks and cached for one walk, so a stack overflow's 170,000
// frames cost a few hundred reads, not a million.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "tide/debugger/target.h"

namespace tide::debugger {

// Reads the Target's memory through a per-walk cache of aligned chunks.
class ChunkedMemory {
 public:
  explicit ChunkedMemory(Target& target) : target_(target) {}
  bool readWord(std::uint64_t address, std::uint64_t* out);

 private:
  static constexpr std::uint64_t kChunk = 64 * 1024;
  static constexpr std::uint64_t kPage = 4096;
  Target& target_;
  std::map<std::uint64_t, std::optional<std::vector<std::uint8_t>>> chunks_;
  std::map<std::uint64_t, std::optional<std::vector<std::uint8_t>>> pages_;
};

struct RawFrame {
  std::uint64_t pc = 0;            // frame 0: the pc; above it: the return address
  std::uint64_t frameAddress = 0;  // the frame record address (its rbp)
};

// Frame 0 is given (`pc`, its frame record `frameAddress`, and its caller's
// return address and frame pointer, which the caller works out for the
// prologue and epilogue cases). The walk continues with stepFrame while the
// return addresses are program code and stops after the frame `isLast` says
// is the outermost (main).
std::vector<RawFrame> walkFrames(
    ChunkedMemory& memory, RawFrame first, std::uint64_t firstReturnAddress,
    std::uint64_t firstCallerFp, const std::function<bool(std::uint64_t pc)>& isProgramCode,
    const std::function<bool(std::uint64_t pc, bool returnAddress)>& isLast);

}  // namespace tide::debugger
