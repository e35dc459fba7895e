#include "tide/codegen/frame_record.h"

namespace tide::codegen {

FrameStepResult stepFrame(std::uint64_t fp, std::uint64_t stackLimit, ReadWordFn read,
                          void* context, FrameStep* step) {
  if (fp == 0) return FrameStepResult::NullPointer;
  // The System V ABI keeps rsp 16-byte aligned at a call, so after the return
  // address and `push rbp` every frame pointer is 16-byte aligned.
  if (fp % 16 != 0) return FrameStepResult::Misaligned;
  if (stackLimit != 0 && fp + 16 > stackLimit) return FrameStepResult::Unreadable;
  std::uint64_t callerFp = 0;
  std::uint64_t returnAddress = 0;
  if (!read(context, fp, &callerFp) || !read(context, fp + 8, &returnAddress))
    return FrameStepResult::Unreadable;
  if (returnAddress == 0) return FrameStepResult::NullReturn;
  step->returnAddress = returnAddress;
  step->callerFramePointer = callerFp;
  // The stack grows down, so each caller's record lies strictly above. A
  // caller fp of 0 is a legitimate end of chain and is left to the next step.
  if (callerFp != 0 && callerFp <= fp) return FrameStepResult::NotIncreasing;
  return FrameStepResult::Ok;
}

}  // namespace tide::codegen
