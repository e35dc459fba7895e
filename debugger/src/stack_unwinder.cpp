// walkFrames: frame 0 from the caller, then codegen's stepFrame up the chain.
#include "stack_unwinder.h"

#include <cstring>

#include "tide/codegen/frame_record.h"

namespace tide::debugger {

bool ChunkedMemory::readWord(std::uint64_t address, std::uint64_t* out) {
  if (address % 8 != 0) return false;
  // A chunk that does not read whole (it crosses the end of the stack or a
  // guard page) is split into pages, each cached, readable or not.
  const std::uint64_t chunk = address / kChunk * kChunk;
  auto found = chunks_.find(chunk);
  if (found == chunks_.end())
    found = chunks_.emplace(chunk, target_.readMemory(chunk, kChunk)).first;
  if (found->second) {
    std::memcpy(out, found->second->data() + (address - chunk), 8);
    return true;
  }
  const std::uint64_t page = address / kPage * kPage;
  auto pageFound = pages_.find(page);
  if (pageFound == pages_.end())
    pageFound = pages_.emplace(page, target_.readMemory(page, kPage)).first;
  if (!pageFound->second) return false;
  std::memcpy(out, pageFound->second->data() + (address - page), 8);
  return true;
}

namespace {

bool readThrough(void* context, std::uint64_t address, std::uint64_t* out) {
  return static_cast<ChunkedMemory*>(context)->readWord(address, out);
}

}  // namespace

std::vector<RawFrame> walkFrames(
    ChunkedMemory& memory, RawFrame first, std::uint64_t firstReturnAddress,
    std::uint64_t firstCallerFp, const std::function<bool(std::uint64_t pc)>& isProgramCode,
    const std::function<bool(std::uint64_t pc, bool returnAddress)>& isLast) {
  std::vector<RawFrame> frames{first};
  if (isLast(first.pc, false)) return frames;
  std::uint64_t returnAddress = firstReturnAddress;
  std::uint64_t fp = firstCallerFp;
  while (isProgramCode(returnAddress)) {
    frames.push_back({returnAddress, fp});
    if (isLast(returnAddress, true)) break;
    codegen::FrameStep step;
    if (codegen::stepFrame(fp, 0, readThrough, &memory, &step) != codegen::FrameStepResult::Ok)
      break;
    returnAddress = step.returnAddress;
    fp = step.callerFramePointer;
  }
  return frames;
}

}  // namespace tide::debugger
