// The interpreter's machine state: the loaded program (static image, extern
// addresses, function addresses), the call stack of Toy frames, and the
// execution loop. A Machine lives on the heap for one interpret() call; the
// fault path jumps over the loop, so everything it needs afterwards (the
// frames for the backtrace) is a member, never a loop-local.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp_ffi.h"
#include "interp_memory.h"
#include "interp_scalar.h"
#include "tide/core/interpreter.h"
#include "tide/core/ir.h"

namespace tide::core::interp {

// Where each slot of a function sits in its frame.
struct FunctionLayout {
  std::vector<uint64_t> slotOffsets;
  uint64_t slotBytes = 0;       // the slots' part of the frame
  uint64_t accountedBytes = 0;  // what the frame costs the stack budget
};

// An instruction with everything the loop needs resolved once at load time
// (shapes, sizes, slot offsets, static addresses), so executing it reads no
// type table. `aux` depends on the opcode: the canonical constant, the slot
// offset, the static address, the field offset, or the array count.
struct DecodedInstr {
  ir::Opcode op = ir::Opcode::Unreachable;
  ir::CmpPredicate predicate = ir::CmpPredicate::Eq;
  IntShape shape;            // of instr.type (the result / operand type)
  IntShape operandShape[2];  // of the operands' value types
  ir::ValueId result = ir::kNoValue;
  ir::ValueId operand[2] = {ir::kNoValue, ir::kNoValue};
  uint32_t target[2] = {0, 0};  // branch targets as indexes into the code
  uint64_t size = 0;            // access size, or element/pointee size
  uint64_t aux = 0;
  const ir::Instr* instr = nullptr;  // the original (calls, locations)
};

// A function's blocks laid out one after another.
struct DecodedFunction {
  std::vector<DecodedInstr> code;
};

struct Frame {
  uint32_t function = 0;
  uint32_t pc = 0;  // index into the decoded code (a call: until it returns)
  uint64_t* values = nullptr;
  uint8_t* slots = nullptr;
  uint8_t* stackMark = nullptr;  // the guest stack's top before this frame
  bool returnsToHost = false;    // pushed by callFromHost: run() stops after it
};

enum class ExternBehaviour : uint8_t { CallC, Exit, Abort };

class Machine;

// userData of a function's closure.
struct ClosureTarget {
  Machine* machine = nullptr;
  uint32_t function = 0;
};

class Machine {
 public:
  Machine(const ir::Module& module, const InterpretOptions& options);

  // Lays out globals and strings, applies relocations.
  void load();
  // Calls main with argv; returns its (canonical) result.
  uint64_t runMain(const std::vector<std::string>& arguments);
  // The current Toy call stack, innermost first (at most `limit` frames,
  // always including the outermost).
  std::vector<InterpretFrame> backtrace(size_t limit) const;

  // Entry of a function's closure: a C caller called a Toy function value.
  void callFromC(uint32_t function, void* result, void** arguments);

 private:
  uint64_t callFromHost(uint32_t function, const std::vector<uint64_t>& arguments);
  Frame& pushFrame(uint32_t function, bool returnsToHost);
  void bindParameter(Frame& frame, uint32_t parameter, uint64_t value);
  void run(size_t stopDepth);
  void decode();
  DecodedInstr decodeInstr(const ir::Function& function, const ir::Instr& instr,
                           const std::vector<uint32_t>& blockStarts, uint32_t functionIndex);
  void executeFrame();
  void executeCall(const ir::Instr& instr);
  void executeIndirectCall(const ir::Instr& instr);
  void executeExternCall(const ir::Instr& instr);
  void executeReturn(const ir::Instr& instr);
  void callForeign(const ir::Instr& instr, void* code, ir::TypeId signature, size_t fixedCount);
  uint64_t functionAddress(uint32_t function);
  uint64_t externAddress(uint32_t externIndex);
  [[noreturn]] void stackOverflow();

  const ir::Module& module_;
  const ir::TypeTable& types_;
  InterpretOptions options_;
  uint64_t stackBudget_ = 0;
  uint64_t accountedBytes_ = 0;
  GuestStack stack_;
  StaticRegion globalRegion_;
  StaticRegion stringRegion_;
  ForeignFunctions foreign_;
  std::vector<uint64_t> globalAddresses_;
  std::vector<uint64_t> stringAddresses_;
  std::vector<uint64_t> externAddresses_;  // 0 until resolved
  std::vector<ExternBehaviour> externBehaviours_;
  std::vector<uint64_t> functionAddresses_;  // 0 until a closure is made
  std::vector<ClosureTarget> closureTargets_;
  std::vector<std::unique_ptr<CallInterface>> closureInterfaces_;
  std::unordered_map<uint64_t, uint32_t> functionByAddress_;
  std::unordered_map<const ir::Instr*, std::unique_ptr<CallInterface>> callInterfaces_;
  std::vector<FunctionLayout> layouts_;
  std::vector<DecodedFunction> decoded_;
  std::vector<Frame> frames_;
  uint64_t hostReturnValue_ = 0;
  std::vector<std::string> argumentStrings_;
  std::vector<char*> argumentPointers_;
};

}  // namespace tide::core::interp
