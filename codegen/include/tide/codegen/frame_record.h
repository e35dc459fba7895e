// The frame record every Toy function keeps (spec §9): `push rbp; mov rbp,
// rsp` on entry, so [rbp] is the caller's rbp and [rbp+8] the return address.
// This header holds the one function that steps that chain. The crash guard
// calls it inside a signal handler over its own stack, and the debugger over
// the debuggee's memory, so it allocates nothing, throws nothing and reads
// memory only through the callback it is given.
#pragma once

#include <cstdint>

namespace tide::codegen {

// Reads the 8-byte word at `address` into `*out`; returns false when the
// address cannot be read. Must be async-signal-safe when used from a handler.
using ReadWordFn = bool (*)(void* context, std::uint64_t address, std::uint64_t* out);

struct FrameStep {
  std::uint64_t returnAddress = 0;       // [fp + 8]
  std::uint64_t callerFramePointer = 0;  // [fp]
};

enum class FrameStepResult {
  Ok,             // `step` holds the caller's frame
  NullPointer,    // fp == 0: the chain ended (outermost frame)
  Misaligned,     // fp not 16-byte aligned: garbage link
  Unreadable,     // the record could not be read
  NotIncreasing,  // the caller's fp is not above this one: loop or garbage
  NullReturn,     // return address 0: the chain ended
};

// One step of the chain from frame pointer `fp`. `stackLimit` (0 = none) is
// an exclusive upper bound for valid frame pointers (the stack's top).
FrameStepResult stepFrame(std::uint64_t fp, std::uint64_t stackLimit, ReadWordFn read,
                          void* context, FrameStep* step);

}  // namespace tide::codegen
