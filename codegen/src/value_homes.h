// Where each IR value (virtual register) of a function lives in -O0 code.
// Named locals and parameters are slots, not values: they stay in their frame
// slots (every Store writes memory, every Load reads it), so the debugger's
// contract holds at every statement boundary whatever this file decides.
// Values are expression temporaries; keeping them out of memory is what makes
// -O0 code fast enough:
// - constants that fit are immediates, slot addresses are [rbp + offset]
//   operands: neither emits code where it is defined;
// - a value used only inside its own block lives in a callee-saved register
//   (rbx, r12-r15: never a scratch register of the selector, and preserved
//   across calls), allocated linearly over the block; an f64 that no call
//   interrupts lives in xmm8-xmm15 instead (caller-saved, never scratch);
// - a compare whose only use is the conditional branch right after it stays
//   in the flags (cmp + jcc);
// - an f64 load whose only use is the right operand of the f64 arithmetic
//   right after it is that instruction's memory operand (`mulsd
//   -0x50(%rbp), %xmm8`): the same memory read at the same point of the
//   program, one instruction and one register fewer;
// - everything else (values used in other blocks, or when the registers run
//   out) gets an 8-byte frame slot, as before.
#pragma once

#include <cstdint>
#include <vector>

#include "tide/codegen/x86_encoder.h"
#include "tide/core/ir.h"

namespace tide::codegen {

enum class ValueHomeKind : std::uint8_t {
  Unused,        // defined, never read: its definition stores nothing
  Stack,         // an 8-byte frame slot
  Register,      // `reg` for its whole (block-local) life
  XmmRegister,   // an f64 in `xmm` (xmm8-xmm15) for its block-local life, with no call inside
  Immediate,     // `constant`; emits no code at its definition
  FrameAddress,  // rbp-relative address of `slot` plus `constant`; no code at its definition
  Flags,         // a Cmp consumed by the CondBr right after it
  FoldedField,   // FieldAddr `base` + `constant`, used only as the address of the
                 // Load/Store right after it: a [reg + disp] operand there
  FoldedLoad,    // an f64 Load from address `base`, used only as the right operand
                 // of the f64 arithmetic right after it: a memory operand there
};

struct ValueHome {
  ValueHomeKind kind = ValueHomeKind::Stack;
  x86::Gpr reg = x86::Gpr::rax;
  x86::Xmm xmm = x86::Xmm::xmm8;
  std::uint32_t slot = 0;
  std::int64_t constant = 0;
  ir::ValueId base = ir::kNoValue;  // FoldedField: the base pointer; FoldedLoad: the address
};

struct ValueHomes {
  std::vector<ValueHome> homes;          // indexed by ValueId
  std::vector<x86::Gpr> savedRegisters;  // callee-saved registers used, in pool order
};

// The constant's bits as the selector keeps them: sign-extended for signed
// integers, zero-extended for unsigned ones and bool.
std::int64_t canonicalConstant(const ir::TypeTable& types, ir::TypeId type, std::int64_t value);

// Fills `result` (its vectors are reused: the caller keeps one ValueHomes
// across functions, so they are not allocated per function).
void assignValueHomes(const ir::Function& function, const ir::TypeTable& types, ValueHomes& result);

}  // namespace tide::codegen
