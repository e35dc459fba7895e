// The -O0 instruction selector: simple and obviously correct. Every IR value
// lives in its own 8-byte frame slot and every IR slot (parameter, local,
// temporary) in its own frame slot, so the debugger finds every variable in
// memory at any instruction. An instruction loads its operands into scratch
// registers (rax, rcx, rdx; rsi/rdi/rcx for string moves; r10/r11 around
// calls), computes, and stores its result back. Integer values are kept
// canonical in their 8 bytes: sign-extended for signed types, zero-extended
// for unsigned and bool, so 64-bit compares and shifts are right for every
// width. f64 values are kept as their bit patterns.
//
// Frame (rbp-relative, growing down; see docs/codegen.md):
//   [rbp+16...]  incoming stack arguments      [rbp+8] return address
//   [rbp]        caller's rbp                  [rbp-8] sret pointer (if any)
//   IR slots (aligned, sizes rounded to 8), then value slots, then at [rsp]
//   the outgoing stack-argument area. rsp stays 16-byte aligned after the
//   prologue, so every call site is aligned without adjustment.
#include <elf.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "codegen_context.h"
#include "sysv_abi.h"
#include "value_homes.h"

namespace tide::codegen {

using namespace x86;

std::uint32_t ModuleContext::externSymbolFor(std::uint32_t externIndex) {
  std::int64_t& symbol = externSymbol[externIndex];
  if (symbol < 0)
    symbol = object.addSymbol({module.externs[externIndex].name, true, STT_NOTYPE, -1, 0, 0});
  return static_cast<std::uint32_t>(symbol);
}

void ModuleContext::addTextRelocation(std::uint64_t offset, std::uint32_t type,
                                      std::uint32_t target, bool againstSection,
                                      std::int64_t addend) {
  object.sections[static_cast<std::size_t>(textSection)].relocations.push_back(
      {offset, type, target, againstSection, addend});
}

void ModuleContext::noteStringReference(std::uint32_t stringIndex) {
  stringReferences.push_back(
      {object.sections[static_cast<std::size_t>(textSection)].relocations.size(), stringIndex});
}

namespace {

Operand R(Gpr r) { return Operand::gpr(r); }
Operand X(Xmm r) { return Operand::xmm(r); }
Operand M(Gpr base, std::int64_t disp) {
  return Operand::mem(base, static_cast<std::int32_t>(disp));
}
Operand I(std::int64_t value) { return Operand::immediate(value); }

constexpr Gpr kIntegerArgument[] = {Gpr::rdi, Gpr::rsi, Gpr::rdx, Gpr::rcx, Gpr::r8, Gpr::r9};
constexpr Xmm kSseArgument[] = {Xmm::xmm0, Xmm::xmm1, Xmm::xmm2, Xmm::xmm3,
                                Xmm::xmm4, Xmm::xmm5, Xmm::xmm6, Xmm::xmm7};

bool fitsInt32(std::int64_t value) { return value >= INT32_MIN && value <= INT32_MAX; }
bool fitsInt8(std::int64_t value) { return value >= -128 && value <= 127; }

// Lexicographic (file, line, column). Spelled out: the std::tie form went
// through three-way comparisons that showed in the scope building, which
// tests every instruction against every lexical block.
bool locationBefore(const ir::SourceLocation& a, const ir::SourceLocation& b) {
  if (a.file != b.file) return a.file < b.file;
  if (a.line != b.line) return a.line < b.line;
  return a.column < b.column;
}

struct InstructionSpan {
  ir::SourceLocation location;
  std::uint64_t start = 0, end = 0;
};

// The emitter's per-function working lists. One function is generated at a
// time per thread, so a thread's lists are reused from one to the next.
struct Scratch {
  std::vector<std::int32_t> slotOffsets, valueOffsets, savedRegisterOffsets;
  std::vector<Label> blockLabels;
  std::vector<InstructionSpan> spans;
  ValueHomes valueHomes;  // refilled by assignValueHomes
  // Refilled per call site / per frame: their lists keep their capacity.
  std::vector<ir::TypeId> argumentTypes;
  CallPlan callPlan, incoming;
};

Scratch& scratch() {
  thread_local Scratch lists;
  lists.slotOffsets.clear();
  lists.valueOffsets.clear();
  lists.savedRegisterOffsets.clear();
  lists.blockLabels.clear();
  lists.spans.clear();
  return lists;
}

class FunctionEmitter {
 public:
  FunctionEmitter(ModuleContext& context, std::uint32_t index, std::vector<DebugLineRow>& lines)
      : context_(context),
        module_(context.module),
        types_(context.module.types),
        function_(context.module.functions[index]),
        code_(context.code),
        index_(index),
        lines_(lines),
        firstLine_(lines.size()) {}

  GeneratedFunction run();

 private:
  // ---- frame
  void layoutFrame();
  std::int32_t slotOffset(std::uint32_t slot) const { return slotOffsets_[slot]; }
  ir::TypeId valueType(ir::ValueId v) const {
    return v < function_.valueTypes.size() ? function_.valueTypes[v] : ir::TypeTable::kI64;
  }
  bool validValue(ir::ValueId v) const { return v < homes_.size(); }
  const ValueHome& home(ir::ValueId v) const { return homes_[v]; }
  ValueHomeKind homeKind(ir::ValueId v) const {
    return validValue(v) ? homes_[v].kind : ValueHomeKind::Unused;
  }
  std::int64_t frameAddressOffset(ir::ValueId v) const {
    return slotOffset(homes_[v].slot) + homes_[v].constant;
  }

  // ---- values in their homes (value_homes.h)
  void loadValue(Gpr r, ir::ValueId v);
  void storeValue(ir::ValueId v, Gpr r);
  // The register the value lives in, or `fallback` (for computing a result
  // in place).
  Gpr resultRegister(ir::ValueId v, Gpr fallback) const {
    return homeKind(v) == ValueHomeKind::Register ? homes_[v].reg : fallback;
  }
  // The value as an r/m64 operand: its register or frame slot, else
  // materialized into `scratch`.
  Operand valueOperand(ir::ValueId v, Gpr scratch);
  // The value as a register: its own, else loaded into `scratch`.
  Gpr valueInRegister(ir::ValueId v, Gpr scratch);
  // Whether reading v as an operand reads register r (its home, or the
  // address of a folded load): a result computed in r before v is read
  // must go elsewhere.
  bool operandReads(ir::ValueId v, Gpr r) const;
  // True (and the value) when v is a constant that fits a sign-extended imm32.
  bool immediate32(ir::ValueId v, std::int64_t& value) const;
  // [address] for a pointer value: [rbp+off] for slot addresses, [reg] for
  // one in a register, else the pointer is loaded into `scratch`.
  Operand addressOperand(ir::ValueId pointer, Gpr scratch);
  void loadFloat(Xmm x, ir::ValueId v);
  void storeFloat(ir::ValueId v, Xmm x);
  void moveImmediate(Gpr r, std::int64_t value) {
    // Never xor: a constant may be materialized between a cmp and its jcc.
    if (value >= 0 && value <= UINT32_MAX)
      code_.emit(Form::MOV_R32_I32, R(r), I(value));
    else if (fitsInt32(value))
      code_.emit(Form::MOV_RM64_I32, R(r), I(value));
    else
      code_.emit(Form::MOV_R64_I64, R(r), I(value));
  }
  void moveRegister(Gpr to, Gpr from) {
    if (to != from) code_.emit(Form::MOV_R64_RM64, R(to), R(from));
  }
  void canonicalize(Gpr r, ir::TypeId type);
  void zeroExtendByWidth(Gpr r, unsigned bits);
  void signExtendByWidth(Gpr r, unsigned bits);
  void loadSized(Gpr destination, Operand memory, ir::TypeId type);
  void storeSized(Operand memory, Gpr source, std::uint64_t size);
  void loadPartial(Gpr destination, Gpr base, std::int32_t disp, std::uint64_t bytes);
  void storePartial(Gpr base, std::int32_t disp, Gpr source, std::uint64_t bytes);
  static constexpr std::uint64_t kInlineCopyLimit = 64;
  void copyBytes(std::uint64_t size);  // rdi <- rsi; rax or rcx clobbered
  void copyInline(Gpr destination, std::int64_t destinationDisp, Gpr source,
                  std::int64_t sourceDisp, std::uint64_t size);  // rax clobbered
  void zeroInline(Gpr destination, std::int64_t disp, std::uint64_t size);
  std::pair<Gpr, std::int64_t> pointerBase(ir::ValueId pointer, Gpr scratch);
  void trapUnless(Form jumpWhenOk);

  // ---- instructions
  void emitInstruction(const ir::Instr& instr);
  void emitArithmetic(const ir::Instr& instr);
  void scaledIndex(ir::ValueId index, std::int64_t size);
  void emitDivision(const ir::Instr& instr);
  void emitDivisionByPowerOfTwo(const ir::Instr& instr, int shift);
  void emitShift(const ir::Instr& instr);
  void emitCompare(const ir::Instr& instr);
  void emitConversion(const ir::Instr& instr);
  bool conversionIsMove(const ir::Instr& instr, ir::TypeId source) const;
  void emitFloatToInteger(const ir::Instr& instr);
  void emitBitCount(const ir::Instr& instr);
  void emitElementAddress(const ir::Instr& instr);
  void emitStore(const ir::Instr& instr);
  void emitPointerOffset(const ir::Instr& instr, std::uint64_t elementSize);
  void emitCall(const ir::Instr& instr);
  void emitReturn(const ir::Instr& instr);
  void emitPrologue();
  void emitRipAddress(Gpr r, std::uint32_t type, std::uint32_t target, bool againstSection,
                      std::int64_t addend);

  // ---- debug info
  void noteLocation(const ir::SourceLocation& location, bool prologueEnd);
  DebugVariable debugVariable(std::uint32_t slot) const;
  void buildScopes(DebugFunction& debug) const;

  ModuleContext& context_;
  const ir::Module& module_;
  const ir::TypeTable& types_;
  const ir::Function& function_;
  Assembler& code_;
  std::uint32_t index_;

  // Per-function lists live in one per-thread Scratch (cleared here, see
  // scratch()), so a thousand functions do not allocate them a thousand times.
  Scratch& scratch_ = scratch();
  ValueHomes& valueHomes_ = scratch_.valueHomes;
  const std::vector<ValueHome>& homes_ = valueHomes_.homes;
  std::vector<std::int32_t>& slotOffsets_ = scratch_.slotOffsets;
  std::vector<std::int32_t>& valueOffsets_ = scratch_.valueOffsets;  // Stack homes only
  std::vector<std::int32_t>& savedRegisterOffsets_ =
      scratch_.savedRegisterOffsets;        // per valueHomes_.savedRegisters
  Form pendingBranch_ = Form::JNE;          // the jcc of a Flags compare
  std::uint64_t savesEnd_ = 0;              // after the callee-saved stores
  std::uint32_t nextBlock_ = ir::kNoBlock;  // the block emitted after the current one
  std::int32_t sretOffset_ = 0;
  std::uint32_t frameSize_ = 0;
  CallPlan& incoming_ = scratch_.incoming;  // the function's own parameters and result
  std::vector<Label>& blockLabels_ = scratch_.blockLabels;
  Label epilogue_;
  std::vector<DebugLineRow>& lines_;  // the unit's; this function's rows from firstLine_
  std::size_t firstLine_ = 0;
  std::vector<InstructionSpan>& spans_ = scratch_.spans;
  std::vector<ir::TypeId>& argumentTypes_ = scratch_.argumentTypes;  // emitCall's and layoutFrame's
  bool prologueEndPending_ = true;
  std::uint64_t bodyStart_ = 0;  // first byte after the prologue
  std::uint64_t epilogueStart_ = 0;
};

void FunctionEmitter::layoutFrame() {
  std::vector<ir::TypeId>& parameterTypes = argumentTypes_;
  parameterTypes.clear();
  // Every list below has a known final size: one allocation each, no growth.
  slotOffsets_.reserve(function_.slots.size());
  savedRegisterOffsets_.reserve(valueHomes_.savedRegisters.size());
  for (std::uint32_t i = 0; i < function_.parameterCount && i < function_.slots.size(); ++i)
    parameterTypes.push_back(function_.slots[i].type);
  planCall(types_, parameterTypes, function_.result, incoming_);
  std::int64_t offset = 0;
  if (incoming_.resultInMemory) {
    offset -= 8;
    sretOffset_ = static_cast<std::int32_t>(offset);
  }
  for (const ir::Slot& slot : function_.slots) {
    const bool known = slot.type != ir::kNoType && slot.type < types_.count();
    const std::uint64_t size = known ? std::max<std::uint64_t>(types_.get(slot.type).size, 1) : 8;
    const std::int64_t align = known ? std::max<std::int64_t>(types_.get(slot.type).align, 8) : 8;
    offset -= static_cast<std::int64_t>((size + 7) / 8 * 8);
    offset = -((-offset + align - 1) / align * align);
    slotOffsets_.push_back(static_cast<std::int32_t>(offset));
  }
  for (std::size_t i = 0; i < valueHomes_.savedRegisters.size(); ++i) {
    offset -= 8;
    savedRegisterOffsets_.push_back(static_cast<std::int32_t>(offset));
  }
  valueOffsets_.assign(homes_.size(), 0);
  for (std::size_t v = 0; v < homes_.size(); ++v) {
    if (homes_[v].kind != ValueHomeKind::Stack) continue;
    offset -= 8;
    valueOffsets_[v] = static_cast<std::int32_t>(offset);
  }
  std::uint64_t outgoing = 0;
  std::vector<ir::TypeId>& argumentTypes = parameterTypes;
  for (const ir::Block& block : function_.blocks)
    for (const ir::Instr& instr : function_.instructions(block)) {
      if (instr.op != ir::Opcode::Call && instr.op != ir::Opcode::CallExtern &&
          instr.op != ir::Opcode::CallIndirect)
        continue;
      argumentTypes.clear();
      for (const ir::CallArgument& argument : function_.arguments(instr))
        argumentTypes.push_back(argument.type);
      // Up to five scalars always travel in registers (an sret pointer
      // takes the sixth integer one at most): no stack area to plan for.
      if (argumentTypes.size() <= 5 &&
          std::none_of(argumentTypes.begin(), argumentTypes.end(),
                       [&](ir::TypeId type) { return types_.isAggregate(type); }))
        continue;
      const ir::TypeId result =
          instr.type < types_.count() ? types_.get(instr.type).result : ir::TypeTable::kVoid;
      planCall(types_, argumentTypes, result, scratch_.callPlan);
      outgoing = std::max(outgoing, scratch_.callPlan.stackBytes);
    }
  const std::uint64_t total = static_cast<std::uint64_t>(-offset) + outgoing;
  frameSize_ = static_cast<std::uint32_t>((total + 15) / 16 * 16);
}

void FunctionEmitter::loadValue(Gpr r, ir::ValueId v) {
  if (!validValue(v)) {
    code_.emit(Form::XOR_RM32_R32, R(r), R(r));
    return;
  }
  const ValueHome& h = homes_[v];
  switch (h.kind) {
    case ValueHomeKind::Stack:
      code_.emit(Form::MOV_R64_RM64, R(r), M(Gpr::rbp, valueOffsets_[v]));
      break;
    case ValueHomeKind::Register: moveRegister(r, h.reg); break;
    case ValueHomeKind::XmmRegister: code_.emit(Form::MOVQ_RM64_X, R(r), X(h.xmm)); break;
    case ValueHomeKind::Immediate: moveImmediate(r, h.constant); break;
    case ValueHomeKind::FrameAddress:
      code_.emit(Form::LEA_R64_M, R(r), M(Gpr::rbp, frameAddressOffset(v)));
      break;
    case ValueHomeKind::FoldedField: {
      const Gpr base = valueInRegister(h.base, r);
      code_.emit(Form::LEA_R64_M, R(r), M(base, h.constant));
      break;
    }
    case ValueHomeKind::FoldedLoad: loadSized(r, addressOperand(h.base, r), valueType(v)); break;
    case ValueHomeKind::Unused:
    case ValueHomeKind::Flags: code_.emit(Form::XOR_RM32_R32, R(r), R(r)); break;
  }
}

void FunctionEmitter::storeValue(ir::ValueId v, Gpr r) {
  if (!validValue(v)) return;
  const ValueHome& h = homes_[v];
  if (h.kind == ValueHomeKind::Stack)
    code_.emit(Form::MOV_RM64_R64, M(Gpr::rbp, valueOffsets_[v]), R(r));
  else if (h.kind == ValueHomeKind::Register)
    moveRegister(h.reg, r);
  else if (h.kind == ValueHomeKind::XmmRegister)
    code_.emit(Form::MOVQ_X_RM64, X(h.xmm), R(r));
}

Operand FunctionEmitter::valueOperand(ir::ValueId v, Gpr scratch) {
  switch (homeKind(v)) {
    case ValueHomeKind::Stack: return M(Gpr::rbp, valueOffsets_[v]);
    case ValueHomeKind::Register: return R(homes_[v].reg);
    case ValueHomeKind::FoldedLoad: return addressOperand(homes_[v].base, scratch);
    default: loadValue(scratch, v); return R(scratch);
  }
}

bool FunctionEmitter::operandReads(ir::ValueId v, Gpr r) const {
  switch (homeKind(v)) {
    case ValueHomeKind::Register: return homes_[v].reg == r;
    case ValueHomeKind::FoldedLoad: {
      ir::ValueId address = homes_[v].base;
      if (homeKind(address) == ValueHomeKind::FoldedField) address = homes_[address].base;
      return homeKind(address) == ValueHomeKind::Register && homes_[address].reg == r;
    }
    default: return false;
  }
}

Gpr FunctionEmitter::valueInRegister(ir::ValueId v, Gpr scratch) {
  if (homeKind(v) == ValueHomeKind::Register) return homes_[v].reg;
  loadValue(scratch, v);
  return scratch;
}

bool FunctionEmitter::immediate32(ir::ValueId v, std::int64_t& value) const {
  if (homeKind(v) != ValueHomeKind::Immediate || !fitsInt32(homes_[v].constant)) return false;
  value = homes_[v].constant;
  return true;
}

Operand FunctionEmitter::addressOperand(ir::ValueId pointer, Gpr scratch) {
  if (homeKind(pointer) == ValueHomeKind::FrameAddress)
    return M(Gpr::rbp, frameAddressOffset(pointer));
  if (homeKind(pointer) == ValueHomeKind::FoldedField) {
    const ValueHome& h = homes_[pointer];
    return M(valueInRegister(h.base, scratch), h.constant);
  }
  return M(valueInRegister(pointer, scratch), 0);
}

void FunctionEmitter::loadFloat(Xmm x, ir::ValueId v) {
  switch (homeKind(v)) {
    case ValueHomeKind::Stack:
      code_.emit(Form::MOVSD_X_XM64, X(x), M(Gpr::rbp, valueOffsets_[v]));
      break;
    case ValueHomeKind::Register: code_.emit(Form::MOVQ_X_RM64, X(x), R(homes_[v].reg)); break;
    case ValueHomeKind::XmmRegister:
      if (homes_[v].xmm != x) code_.emit(Form::MOVAPD_X_XR, X(x), X(homes_[v].xmm));
      break;
    case ValueHomeKind::FoldedLoad:
      code_.emit(Form::MOVSD_X_XM64, X(x), addressOperand(homes_[v].base, Gpr::rax));
      break;
    default:
      loadValue(Gpr::rax, v);
      code_.emit(Form::MOVQ_X_RM64, X(x), R(Gpr::rax));
      break;
  }
}

void FunctionEmitter::storeFloat(ir::ValueId v, Xmm x) {
  if (homeKind(v) == ValueHomeKind::Stack)
    code_.emit(Form::MOVSD_XM64_X, M(Gpr::rbp, valueOffsets_[v]), X(x));
  else if (homeKind(v) == ValueHomeKind::Register)
    code_.emit(Form::MOVQ_RM64_X, R(homes_[v].reg), X(x));
  else if (homeKind(v) == ValueHomeKind::XmmRegister && homes_[v].xmm != x)
    code_.emit(Form::MOVAPD_X_XR, X(homes_[v].xmm), X(x));
}

void FunctionEmitter::zeroExtendByWidth(Gpr r, unsigned bits) {
  switch (bits) {
    case 8: code_.emit(Form::MOVZX_R32_RM8, R(r), R(r)); break;
    case 16: code_.emit(Form::MOVZX_R32_RM16, R(r), R(r)); break;
    case 32: code_.emit(Form::MOV_R32_RM32, R(r), R(r)); break;
    default: break;
  }
}

void FunctionEmitter::signExtendByWidth(Gpr r, unsigned bits) {
  switch (bits) {
    case 8: code_.emit(Form::MOVSX_R64_RM8, R(r), R(r)); break;
    case 16: code_.emit(Form::MOVSX_R64_RM16, R(r), R(r)); break;
    case 32: code_.emit(Form::MOVSXD_R64_RM32, R(r), R(r)); break;
    default: break;
  }
}

void FunctionEmitter::canonicalize(Gpr r, ir::TypeId type) {
  if (type >= types_.count()) return;
  if (type == ir::TypeTable::kBool) {
    code_.emit(Form::MOVZX_R32_RM8, R(r), R(r));
    return;
  }
  if (!types_.isInteger(type)) return;
  const unsigned bits = types_.bitWidth(type);
  if (types_.isSigned(type))
    signExtendByWidth(r, bits);
  else
    zeroExtendByWidth(r, bits);
}

void FunctionEmitter::loadSized(Gpr destination, Operand memory, ir::TypeId type) {
  const std::uint64_t size = type < types_.count() ? types_.get(type).size : 8;
  const bool isSigned = type < types_.count() && types_.isSigned(type);
  switch (size) {
    case 1:
      code_.emit(isSigned ? Form::MOVSX_R64_RM8 : Form::MOVZX_R32_RM8, R(destination), memory);
      break;
    case 2:
      code_.emit(isSigned ? Form::MOVSX_R64_RM16 : Form::MOVZX_R32_RM16, R(destination), memory);
      break;
    case 4:
      if (isSigned)
        code_.emit(Form::MOVSXD_R64_RM32, R(destination), memory);
      else
        code_.emit(Form::MOV_R32_RM32, R(destination), memory);
      break;
    default: code_.emit(Form::MOV_R64_RM64, R(destination), memory); break;
  }
  if (type == ir::TypeTable::kBool) code_.emit(Form::AND_RM32_I32, R(destination), I(1));
}

void FunctionEmitter::storeSized(Operand memory, Gpr source, std::uint64_t size) {
  switch (size) {
    case 1: code_.emit(Form::MOV_RM8_R8, memory, R(source)); break;
    case 2: code_.emit(Form::MOV_RM16_R16, memory, R(source)); break;
    case 4: code_.emit(Form::MOV_RM32_R32, memory, R(source)); break;
    default: code_.emit(Form::MOV_RM64_R64, memory, R(source)); break;
  }
}

// Reads exactly `bytes` (1-8) at [base+disp] into destination, zero-extended,
// so the last eightbyte of an aggregate never reads past its end. rax is the
// scratch register for the pieces (destination must not be rax then).
void FunctionEmitter::loadPartial(Gpr destination, Gpr base, std::int32_t disp,
                                  std::uint64_t bytes) {
  if (bytes >= 8) {
    code_.emit(Form::MOV_R64_RM64, R(destination), M(base, disp));
    return;
  }
  std::uint64_t done = 0;
  bool first = true;
  for (std::uint64_t piece : {4u, 2u, 1u}) {
    if (bytes - done < piece) continue;
    const Gpr target = first ? destination : Gpr::rax;
    const Operand memory = M(base, disp + static_cast<std::int32_t>(done));
    if (piece == 4) code_.emit(Form::MOV_R32_RM32, R(target), memory);
    if (piece == 2) code_.emit(Form::MOVZX_R32_RM16, R(target), memory);
    if (piece == 1) code_.emit(Form::MOVZX_R32_RM8, R(target), memory);
    if (!first) {
      code_.emit(Form::SHL_RM64_I8, R(Gpr::rax), I(static_cast<std::int64_t>(done * 8)));
      code_.emit(Form::OR_RM64_R64, R(destination), R(Gpr::rax));
    }
    first = false;
    done += piece;
  }
}

// Writes the low `bytes` (1-8) of source to [base+disp]; uses r11 as the
// working copy (free in the prologue, where rcx still holds an argument).
void FunctionEmitter::storePartial(Gpr base, std::int32_t disp, Gpr source, std::uint64_t bytes) {
  if (bytes >= 8 || bytes == 4 || bytes == 2 || bytes == 1) {
    storeSized(M(base, disp), source, std::min<std::uint64_t>(bytes, 8));
    return;
  }
  code_.emit(Form::MOV_R64_RM64, R(Gpr::r11), R(source));
  std::uint64_t done = 0;
  for (std::uint64_t piece : {4u, 2u, 1u}) {
    if (bytes - done < piece) continue;
    storeSized(M(base, disp + static_cast<std::int32_t>(done)), Gpr::r11, piece);
    code_.emit(Form::SHR_RM64_I8, R(Gpr::r11), I(static_cast<std::int64_t>(piece * 8)));
    done += piece;
  }
}

void FunctionEmitter::copyBytes(std::uint64_t size) {
  if (size <= kInlineCopyLimit) {
    copyInline(Gpr::rdi, 0, Gpr::rsi, 0, size);
    return;
  }
  moveImmediate(Gpr::rcx, static_cast<std::int64_t>(size));
  code_.emit(Form::REP_MOVSB);
}

// Small copies as moves through rax: rep movsb costs tens of cycles to start,
// more than the whole copy of a small struct.
void FunctionEmitter::copyInline(Gpr destination, std::int64_t destinationDisp, Gpr source,
                                 std::int64_t sourceDisp, std::uint64_t size) {
  std::uint64_t done = 0;
  for (std::uint64_t piece : {8u, 4u, 2u, 1u})
    while (size - done >= piece) {
      const Operand from = M(source, sourceDisp + static_cast<std::int64_t>(done));
      const Operand to = M(destination, destinationDisp + static_cast<std::int64_t>(done));
      switch (piece) {
        case 8:
          code_.emit(Form::MOV_R64_RM64, R(Gpr::rax), from);
          code_.emit(Form::MOV_RM64_R64, to, R(Gpr::rax));
          break;
        case 4:
          code_.emit(Form::MOV_R32_RM32, R(Gpr::rax), from);
          code_.emit(Form::MOV_RM32_R32, to, R(Gpr::rax));
          break;
        case 2:
          code_.emit(Form::MOVZX_R32_RM16, R(Gpr::rax), from);
          code_.emit(Form::MOV_RM16_R16, to, R(Gpr::rax));
          break;
        default:
          code_.emit(Form::MOVZX_R32_RM8, R(Gpr::rax), from);
          code_.emit(Form::MOV_RM8_R8, to, R(Gpr::rax));
          break;
      }
      done += piece;
    }
}

void FunctionEmitter::zeroInline(Gpr destination, std::int64_t disp, std::uint64_t size) {
  std::uint64_t done = 0;
  for (std::uint64_t piece : {8u, 4u, 2u, 1u})
    while (size - done >= piece) {
      const Operand to = M(destination, disp + static_cast<std::int64_t>(done));
      switch (piece) {
        case 8: code_.emit(Form::MOV_RM64_I32, to, I(0)); break;
        case 4: code_.emit(Form::MOV_RM32_I32, to, I(0)); break;
        case 2: code_.emit(Form::MOV_RM16_I16, to, I(0)); break;
        default: code_.emit(Form::MOV_RM8_I8, to, I(0)); break;
      }
      done += piece;
    }
}

// The base register and displacement of a pointer value, for inline copies:
// [rbp + offset] for slot addresses, its own register, else loaded into `scratch`.
std::pair<Gpr, std::int64_t> FunctionEmitter::pointerBase(ir::ValueId pointer, Gpr scratch) {
  if (homeKind(pointer) == ValueHomeKind::FrameAddress)
    return {Gpr::rbp, frameAddressOffset(pointer)};
  return {valueInRegister(pointer, scratch), 0};
}

// Continues when the flags satisfy `jumpWhenOk`, else executes ud2 (SIGILL).
void FunctionEmitter::trapUnless(Form jumpWhenOk) {
  Label ok = code_.newLabel();
  code_.branch(jumpWhenOk, ok);
  code_.emit(Form::UD2);
  code_.bind(ok);
}

void FunctionEmitter::emitRipAddress(Gpr r, std::uint32_t type, std::uint32_t target,
                                     bool againstSection, std::int64_t addend) {
  const std::size_t start = code_.size();
  const Form form = type == R_X86_64_GOTPCREL ? Form::MOV_R64_RM64 : Form::LEA_R64_M;
  const EncodedFields fields = code_.emit(form, R(r), Operand::rip(0));
  const std::uint64_t at = start + static_cast<std::uint64_t>(fields.dispOffset);
  const std::int64_t tail =
      static_cast<std::int64_t>(start + static_cast<std::uint64_t>(fields.length) - at);
  context_.addTextRelocation(at, type, target, againstSection, addend - tail);
}

void FunctionEmitter::noteLocation(const ir::SourceLocation& location, bool prologueEnd) {
  if (location.line == 0) return;
  const std::uint64_t address = code_.size();
  DebugLineRow* const last = lines_.size() > firstLine_ ? &lines_.back() : nullptr;
  if (last && !prologueEnd && last->file == location.file && last->line == location.line &&
      last->column == location.column)
    return;
  DebugLineRow row;
  row.address = address;
  row.file = location.file;
  row.line = location.line;
  row.column = location.column;
  row.isStatement =
      !last || prologueEnd || last->line != location.line || last->file != location.file;
  row.prologueEnd = prologueEnd;
  // A row at the same address as the previous one replaces it.
  // (Instructions that emit no code - constants, slot addresses - make this
  // common; the statement start must survive the replacement.)
  if (last && last->address == address) {
    row.prologueEnd = row.prologueEnd || last->prologueEnd;
    row.isStatement = row.isStatement || last->isStatement;
    *last = row;
  } else {
    lines_.push_back(row);
  }
}

void FunctionEmitter::emitPrologue() {
  code_.emit(Form::PUSH_R64, R(Gpr::rbp));
  // 48 89 e5, the spelling prologue analyzers (gdb, perf) look for.
  code_.emit(Form::MOV_RM64_R64, R(Gpr::rbp), R(Gpr::rsp));
  if (frameSize_ > 0) code_.emit(Form::SUB_RM64_I32, R(Gpr::rsp), I(frameSize_));
  for (std::size_t i = 0; i < valueHomes_.savedRegisters.size(); ++i)
    code_.emit(Form::MOV_RM64_R64, M(Gpr::rbp, savedRegisterOffsets_[i]),
               R(valueHomes_.savedRegisters[i]));
  savesEnd_ = code_.size();
  if (incoming_.resultInMemory)
    code_.emit(Form::MOV_RM64_R64, M(Gpr::rbp, sretOffset_), R(Gpr::rdi));
  // Registers first: the stack copies below use rdi, rsi and rcx.
  for (std::size_t i = 0; i < incoming_.arguments.size(); ++i) {
    const ArgumentPlacement& placement = incoming_.arguments[i];
    if (placement.onStack) continue;
    const Classification& c = placement.classification;
    for (int e = 0; e < c.eightbyteCount; ++e) {
      const std::uint64_t bytes =
          std::min<std::uint64_t>(8, c.size - 8 * static_cast<std::uint64_t>(e));
      const std::int32_t at = slotOffset(static_cast<std::uint32_t>(i)) + 8 * e;
      if (c.eightbytes[e] == EightbyteClass::Sse && bytes == 8) {
        code_.emit(Form::MOVSD_XM64_X, M(Gpr::rbp, at),
                   X(kSseArgument[placement.registerIndex[e]]));
      } else if (c.eightbytes[e] == EightbyteClass::Sse) {
        code_.emit(Form::MOVQ_RM64_X, R(Gpr::rax), X(kSseArgument[placement.registerIndex[e]]));
        storePartial(Gpr::rbp, at, Gpr::rax, bytes);
      } else {
        // storePartial works on a copy (r11), so the argument register is
        // stored directly.
        storePartial(Gpr::rbp, at, kIntegerArgument[placement.registerIndex[e]], bytes);
      }
    }
  }
  for (std::size_t i = 0; i < incoming_.arguments.size(); ++i) {
    const ArgumentPlacement& placement = incoming_.arguments[i];
    if (!placement.onStack) continue;
    code_.emit(Form::LEA_R64_M, R(Gpr::rsi),
               M(Gpr::rbp, 16 + static_cast<std::int64_t>(placement.stackOffset)));
    code_.emit(Form::LEA_R64_M, R(Gpr::rdi),
               M(Gpr::rbp, slotOffset(static_cast<std::uint32_t>(i))));
    copyBytes(placement.classification.size);
  }
}

void FunctionEmitter::emitArithmetic(const ir::Instr& instr) {
  ir::ValueId a = instr.operand[0], b = instr.operand[1];
  std::int64_t ignored = 0;
  if (instr.op != ir::Opcode::Sub && immediate32(a, ignored) && !immediate32(b, ignored))
    std::swap(a, b);  // commutative: the constant goes to the immediate
  // Computed in the result's own register unless that is b's (read after a is
  // moved in).
  Gpr target = resultRegister(instr.result, Gpr::rax);
  if (operandReads(b, target)) target = Gpr::rax;
  loadValue(target, a);
  std::int64_t constant = 0;
  if (immediate32(b, constant)) {
    switch (instr.op) {
      case ir::Opcode::Add: code_.emit(Form::ADD_RM64_I32, R(target), I(constant)); break;
      case ir::Opcode::Sub: code_.emit(Form::SUB_RM64_I32, R(target), I(constant)); break;
      case ir::Opcode::Mul:
        code_.emit(Form::IMUL_R64_RM64_I32, R(target), R(target), I(constant));
        break;
      case ir::Opcode::And: code_.emit(Form::AND_RM64_I32, R(target), I(constant)); break;
      case ir::Opcode::Or: code_.emit(Form::OR_RM64_I32, R(target), I(constant)); break;
      case ir::Opcode::Xor: code_.emit(Form::XOR_RM64_I32, R(target), I(constant)); break;
      default: break;
    }
  } else {
    const Operand right = validValue(b) ? valueOperand(b, Gpr::rcx) : R(target);
    switch (instr.op) {
      case ir::Opcode::Add: code_.emit(Form::ADD_R64_RM64, R(target), right); break;
      case ir::Opcode::Sub: code_.emit(Form::SUB_R64_RM64, R(target), right); break;
      case ir::Opcode::Mul: code_.emit(Form::IMUL_R64_RM64, R(target), right); break;
      case ir::Opcode::And: code_.emit(Form::AND_R64_RM64, R(target), right); break;
      case ir::Opcode::Or: code_.emit(Form::OR_R64_RM64, R(target), right); break;
      case ir::Opcode::Xor: code_.emit(Form::XOR_R64_RM64, R(target), right); break;
      default: break;
    }
  }
  // and/or/xor of canonical values are canonical (both sign- or both
  // zero-extended); add, sub and mul can carry into the upper bits.
  const bool logical =
      instr.op == ir::Opcode::And || instr.op == ir::Opcode::Or || instr.op == ir::Opcode::Xor;
  if (!logical) canonicalize(target, instr.type);
  storeValue(instr.result, target);
}

// x / 2^k and x % 2^k (k in 1..30) on the canonical 64-bit value in rax,
// which is exact for every width: unsigned is a shift or a mask; signed
// rounds toward zero by adding 2^k - 1 to negative dividends first.
void FunctionEmitter::emitDivisionByPowerOfTwo(const ir::Instr& instr, int shift) {
  const bool isSigned = instr.op == ir::Opcode::SDiv || instr.op == ir::Opcode::SRem;
  const bool wantRemainder = instr.op == ir::Opcode::SRem || instr.op == ir::Opcode::URem;
  const std::int64_t mask = (std::int64_t{1} << shift) - 1;
  if (!isSigned) {
    if (wantRemainder)
      code_.emit(Form::AND_RM64_I32, R(Gpr::rax), I(mask));
    else
      code_.emit(Form::SHR_RM64_I8, R(Gpr::rax), I(shift));
  } else {
    code_.emit(Form::MOV_R64_RM64, R(Gpr::rcx), R(Gpr::rax));
    code_.emit(Form::SAR_RM64_I8, R(Gpr::rcx), I(63));
    code_.emit(Form::SHR_RM64_I8, R(Gpr::rcx), I(64 - shift));  // 2^k - 1 if negative, else 0
    code_.emit(Form::ADD_RM64_R64, R(Gpr::rcx), R(Gpr::rax));
    if (wantRemainder) {
      code_.emit(Form::AND_RM64_I32, R(Gpr::rcx), I(~mask));
      code_.emit(Form::SUB_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
    } else {
      code_.emit(Form::SAR_RM64_I8, R(Gpr::rcx), I(shift));
      code_.emit(Form::MOV_R64_RM64, R(Gpr::rax), R(Gpr::rcx));
    }
  }
  canonicalize(Gpr::rax, instr.type);
  storeValue(instr.result, Gpr::rax);
}

// idiv/div raise #DE (SIGFPE) by themselves for a zero divisor and, at 32
// and 64 bits, for MIN / -1. At 8 and 16 bits the operation is done at 32
// bits, where MIN / -1 does not overflow, so that case jumps to a 32-bit
// INT32_MIN / -1 whose #DE is the trap the spec asks for.
void FunctionEmitter::emitDivision(const ir::Instr& instr) {
  const bool isSigned = instr.op == ir::Opcode::SDiv || instr.op == ir::Opcode::SRem;
  const bool wantRemainder = instr.op == ir::Opcode::SRem || instr.op == ir::Opcode::URem;
  const unsigned bits = instr.type < types_.count() ? types_.bitWidth(instr.type) : 64;
  loadValue(Gpr::rax, instr.operand[0]);
  std::int64_t divisor = 0;
  if (immediate32(instr.operand[1], divisor) && divisor > 1 && divisor <= (1LL << 30) &&
      std::has_single_bit(static_cast<std::uint64_t>(divisor))) {
    emitDivisionByPowerOfTwo(instr, std::countr_zero(static_cast<std::uint64_t>(divisor)));
    return;
  }
  loadValue(Gpr::rcx, instr.operand[1]);
  if (isSigned && bits < 32) {
    Label normal = code_.newLabel();
    code_.emit(Form::CMP_RM64_I8, R(Gpr::rcx), I(-1));
    code_.branch(Form::JNE, normal);
    code_.emit(Form::CMP_RM64_I32, R(Gpr::rax), I(bits == 8 ? -128 : -32768));
    code_.branch(Form::JNE, normal);
    code_.emit(Form::MOV_R32_I32, R(Gpr::rax), I(0x80000000LL));
    code_.bind(normal);
  }
  if (bits == 64) {
    if (isSigned) {
      code_.emit(Form::CQO);
      code_.emit(Form::IDIV_RM64, R(Gpr::rcx));
    } else {
      code_.emit(Form::XOR_RM32_R32, R(Gpr::rdx), R(Gpr::rdx));
      code_.emit(Form::DIV_RM64, R(Gpr::rcx));
    }
  } else if (isSigned) {
    code_.emit(Form::CDQ);
    code_.emit(Form::IDIV_RM32, R(Gpr::rcx));
  } else {
    code_.emit(Form::XOR_RM32_R32, R(Gpr::rdx), R(Gpr::rdx));
    code_.emit(Form::DIV_RM32, R(Gpr::rcx));
  }
  if (wantRemainder) code_.emit(Form::MOV_R64_RM64, R(Gpr::rax), R(Gpr::rdx));
  canonicalize(Gpr::rax, instr.type);
  storeValue(instr.result, Gpr::rax);
}

void FunctionEmitter::emitShift(const ir::Instr& instr) {
  const unsigned bits = instr.type < types_.count() ? types_.bitWidth(instr.type) : 64;
  const bool isSigned = instr.type < types_.count() && types_.isSigned(instr.type);
  // The operand is canonical for `type`: a logical shift of an unsigned value
  // and an arithmetic one of a signed value need no extension before and
  // give a canonical result.
  const bool inKind =
      (instr.op == ir::Opcode::LShr && !isSigned) || (instr.op == ir::Opcode::AShr && isSigned);
  const ir::ValueId count = instr.operand[1];
  Gpr target = resultRegister(instr.result, Gpr::rax);
  if (homeKind(count) == ValueHomeKind::Register && home(count).reg == target) target = Gpr::rax;
  loadValue(target, instr.operand[0]);
  const bool constant = homeKind(count) == ValueHomeKind::Immediate && bits >= 8 && bits <= 64;
  if (!constant) {
    loadValue(Gpr::rcx, count);
    code_.emit(Form::AND_RM32_I32, R(Gpr::rcx), I(bits - 1));  // count mod width (spec §7)
  }
  // A constant count is reduced mod width here (spec §7).
  const std::int64_t amount =
      constant ? home(count).constant & static_cast<std::int64_t>(bits - 1) : 0;
  if (instr.op == ir::Opcode::Shl) {
    if (!constant)
      code_.emit(Form::SHL_RM64_CL, R(target), R(Gpr::rcx));
    else if (amount != 0)
      code_.emit(Form::SHL_RM64_I8, R(target), I(amount));
  } else if (instr.op == ir::Opcode::LShr) {
    if (!inKind) zeroExtendByWidth(target, bits);
    if (!constant)
      code_.emit(Form::SHR_RM64_CL, R(target), R(Gpr::rcx));
    else if (amount != 0)
      code_.emit(Form::SHR_RM64_I8, R(target), I(amount));
  } else {
    if (!inKind) signExtendByWidth(target, bits);
    if (!constant)
      code_.emit(Form::SAR_RM64_CL, R(target), R(Gpr::rcx));
    else if (amount != 0)
      code_.emit(Form::SAR_RM64_I8, R(target), I(amount));
  }
  if (!inKind) canonicalize(target, instr.type);
  storeValue(instr.result, target);
}

namespace {

struct ConditionForms {
  Form set, jump;
};

// Integer predicates after `cmp a, b`; f64 ones after ucomisd with the
// operands ordered so that the condition is "above" or "above or equal"
// (unordered sets CF, so those are NaN-false).
ConditionForms conditionForms(ir::CmpPredicate predicate) {
  using P = ir::CmpPredicate;
  switch (predicate) {
    case P::Eq: return {Form::SETE, Form::JE};
    case P::Ne: return {Form::SETNE, Form::JNE};
    case P::SLt: return {Form::SETL, Form::JL};
    case P::SLe: return {Form::SETLE, Form::JLE};
    case P::SGt: return {Form::SETG, Form::JG};
    case P::SGe: return {Form::SETGE, Form::JGE};
    case P::ULt: return {Form::SETB, Form::JB};
    case P::ULe: return {Form::SETBE, Form::JBE};
    case P::UGt: return {Form::SETA, Form::JA};
    case P::UGe: return {Form::SETAE, Form::JAE};
    case P::FLt:
    case P::FGt: return {Form::SETA, Form::JA};
    case P::FLe:
    case P::FGe: return {Form::SETAE, Form::JAE};
    default: return {Form::SETE, Form::JE};
  }
}

Form inverseBranch(Form jump) {
  switch (jump) {
    case Form::JE: return Form::JNE;
    case Form::JNE: return Form::JE;
    case Form::JL: return Form::JGE;
    case Form::JGE: return Form::JL;
    case Form::JLE: return Form::JG;
    case Form::JG: return Form::JLE;
    case Form::JB: return Form::JAE;
    case Form::JAE: return Form::JB;
    case Form::JBE: return Form::JA;
    case Form::JA: return Form::JBE;
    default: return Form::JE;
  }
}

}  // namespace

void FunctionEmitter::emitCompare(const ir::Instr& instr) {
  using P = ir::CmpPredicate;
  const P predicate = instr.predicate;
  const bool isFloat = predicate >= P::FEq;
  const ConditionForms forms = conditionForms(predicate);
  const bool inFlags = homeKind(instr.result) == ValueHomeKind::Flags;
  if (!isFloat) {
    const Gpr left = valueInRegister(instr.operand[0], Gpr::rax);
    std::int64_t constant = 0;
    if (immediate32(instr.operand[1], constant))
      code_.emit(fitsInt8(constant) ? Form::CMP_RM64_I8 : Form::CMP_RM64_I32, R(left), I(constant));
    else
      code_.emit(Form::CMP_R64_RM64, R(left),
                 validValue(instr.operand[1]) ? valueOperand(instr.operand[1], Gpr::rcx) : R(left));
    if (inFlags) {
      pendingBranch_ = forms.jump;
      return;
    }
    code_.emit(forms.set, R(Gpr::rax));
  } else {
    loadFloat(Xmm::xmm0, instr.operand[0]);
    loadFloat(Xmm::xmm1, instr.operand[1]);
    // ucomisd sets CF=ZF=PF=1 when unordered: seta/setae are then false, so
    // a < b is "b above a" and every ordered predicate is NaN-false.
    switch (predicate) {
      case P::FEq:
      case P::FNe: {
        code_.emit(Form::UCOMISD_X_XM64, X(Xmm::xmm0), X(Xmm::xmm1));
        const bool equal = predicate == P::FEq;
        code_.emit(equal ? Form::SETE : Form::SETNE, R(Gpr::rax));
        code_.emit(equal ? Form::SETNP : Form::SETP, R(Gpr::rcx));
        code_.emit(equal ? Form::AND_RM32_R32 : Form::OR_RM32_R32, R(Gpr::rax), R(Gpr::rcx));
        break;
      }
      case P::FLt:
      case P::FLe:
        code_.emit(Form::UCOMISD_X_XM64, X(Xmm::xmm1), X(Xmm::xmm0));
        if (inFlags) {
          pendingBranch_ = forms.jump;
          return;
        }
        code_.emit(forms.set, R(Gpr::rax));
        break;
      default:
        code_.emit(Form::UCOMISD_X_XM64, X(Xmm::xmm0), X(Xmm::xmm1));
        if (inFlags) {
          pendingBranch_ = forms.jump;
          return;
        }
        code_.emit(forms.set, R(Gpr::rax));
        break;
    }
  }
  const Gpr target = resultRegister(instr.result, Gpr::rax);
  code_.emit(Form::MOVZX_R32_RM8, R(target), R(Gpr::rax));
  storeValue(instr.result, target);
}

void FunctionEmitter::emitFloatToInteger(const ir::Instr& instr) {
  loadFloat(Xmm::xmm0, instr.operand[0]);
  const unsigned bits = instr.type < types_.count() ? types_.bitWidth(instr.type) : 64;
  const bool toSigned = instr.op == ir::Opcode::FPToSI;
  Label done = code_.newLabel();
  Label trap = code_.newLabel();
  if (bits < 64) {
    // cvttsd2si is exact below 2^63 in magnitude and gives INT64_MIN for
    // NaN and huge values; in range means "unchanged by canonicalization".
    code_.emit(Form::CVTTSD2SI_R64_XM64, R(Gpr::rax), X(Xmm::xmm0));
    code_.emit(Form::MOV_R64_RM64, R(Gpr::rcx), R(Gpr::rax));
    canonicalize(Gpr::rcx, instr.type);
    code_.emit(Form::CMP_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
    code_.branch(Form::JE, done);
  } else if (toSigned) {
    code_.emit(Form::CVTTSD2SI_R64_XM64, R(Gpr::rax), X(Xmm::xmm0));
    code_.emit(Form::MOV_R64_I64, R(Gpr::rcx), I(INT64_MIN));
    code_.emit(Form::CMP_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
    code_.branch(Form::JNE, done);
    // INT64_MIN is also the answer for exactly -2^63.
    code_.emit(Form::MOV_R64_I64, R(Gpr::rcx), I(static_cast<std::int64_t>(0xC3E0000000000000ull)));
    code_.emit(Form::MOVQ_X_RM64, X(Xmm::xmm1), R(Gpr::rcx));
    code_.emit(Form::UCOMISD_X_XM64, X(Xmm::xmm0), X(Xmm::xmm1));
    code_.branch(Form::JP, trap);
    code_.branch(Form::JE, done);
  } else {
    Label big = code_.newLabel();
    code_.emit(Form::MOV_R64_I64, R(Gpr::rcx),
               I(static_cast<std::int64_t>(0x43E0000000000000ull)));  // 2^63
    code_.emit(Form::MOVQ_X_RM64, X(Xmm::xmm1), R(Gpr::rcx));
    code_.emit(Form::UCOMISD_X_XM64, X(Xmm::xmm0), X(Xmm::xmm1));
    code_.branch(Form::JAE, big);  // NaN is "below" (CF=1) and fails the sign test
    code_.emit(Form::CVTTSD2SI_R64_XM64, R(Gpr::rax), X(Xmm::xmm0));
    code_.emit(Form::TEST_RM64_R64, R(Gpr::rax), R(Gpr::rax));
    code_.branch(Form::JNS, done);
    code_.branch(Form::JMP_REL32, trap);
    code_.bind(big);
    code_.emit(Form::SUBSD_X_XM64, X(Xmm::xmm0), X(Xmm::xmm1));
    code_.emit(Form::CVTTSD2SI_R64_XM64, R(Gpr::rax), X(Xmm::xmm0));
    code_.emit(Form::TEST_RM64_R64, R(Gpr::rax), R(Gpr::rax));
    code_.branch(Form::JS, trap);
    code_.emit(Form::MOV_R64_I64, R(Gpr::rcx), I(INT64_MIN));
    code_.emit(Form::XOR_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
    code_.branch(Form::JMP_REL32, done);
  }
  code_.bind(trap);
  code_.emit(Form::UD2);
  code_.bind(done);
  storeValue(instr.result, Gpr::rax);
}

// True when the canonical bits of a `source` value are already the canonical
// bits of the conversion's result, so the conversion is a move.
bool FunctionEmitter::conversionIsMove(const ir::Instr& instr, ir::TypeId source) const {
  const ir::TypeId target = instr.type;
  if (source >= types_.count() || target >= types_.count()) return false;
  const bool sourceInteger = types_.isInteger(source) || source == ir::TypeTable::kBool;
  const bool targetInteger = types_.isInteger(target);
  const unsigned sourceBits = types_.bitWidth(source), targetBits = types_.bitWidth(target);
  const bool sourceSigned = types_.isSigned(source), targetSigned = types_.isSigned(target);
  switch (instr.op) {
    case ir::Opcode::ZExt:
      // Zero-extended below 2^sourceBits: canonical for any wider integer.
      return sourceInteger && targetInteger && !sourceSigned && targetBits > sourceBits;
    case ir::Opcode::SExt:
      return sourceInteger && targetInteger && sourceSigned && (targetSigned || targetBits == 64) &&
             targetBits >= sourceBits;
    case ir::Opcode::Bitcast:
      // 64-bit results (f64 included: kept as bits) keep every bit; same-width
      // integers of one signedness too.
      if (targetBits == 64) return true;
      return sourceInteger && targetInteger && sourceBits == targetBits &&
             sourceSigned == targetSigned;
    default: return false;
  }
}

void FunctionEmitter::emitConversion(const ir::Instr& instr) {
  const ir::TypeId source = valueType(instr.operand[0]);
  const unsigned sourceBits = source < types_.count() ? types_.bitWidth(source) : 64;
  if (conversionIsMove(instr, source)) {
    const Gpr target = resultRegister(instr.result, Gpr::rax);
    loadValue(target, instr.operand[0]);
    storeValue(instr.result, target);
    return;
  }
  loadValue(Gpr::rax, instr.operand[0]);
  switch (instr.op) {
    case ir::Opcode::SExt: signExtendByWidth(Gpr::rax, sourceBits); break;
    case ir::Opcode::ZExt: zeroExtendByWidth(Gpr::rax, sourceBits); break;
    case ir::Opcode::SIToFP:
      code_.emit(Form::CVTSI2SD_X_RM64, X(Xmm::xmm0), R(Gpr::rax));
      code_.emit(Form::MOVQ_RM64_X, R(Gpr::rax), X(Xmm::xmm0));
      storeValue(instr.result, Gpr::rax);
      return;
    case ir::Opcode::UIToFP: {
      // Below 2^63 the signed conversion is exact; above, halve (keeping the
      // low bit for correct rounding), convert, and double.
      Label big = code_.newLabel(), done = code_.newLabel();
      code_.emit(Form::TEST_RM64_R64, R(Gpr::rax), R(Gpr::rax));
      code_.branch(Form::JS, big);
      code_.emit(Form::CVTSI2SD_X_RM64, X(Xmm::xmm0), R(Gpr::rax));
      code_.branch(Form::JMP_REL32, done);
      code_.bind(big);
      code_.emit(Form::MOV_R64_RM64, R(Gpr::rcx), R(Gpr::rax));
      code_.emit(Form::SHR_RM64_I8, R(Gpr::rcx), I(1));
      code_.emit(Form::AND_RM32_I32, R(Gpr::rax), I(1));
      code_.emit(Form::OR_RM64_R64, R(Gpr::rcx), R(Gpr::rax));
      code_.emit(Form::CVTSI2SD_X_RM64, X(Xmm::xmm0), R(Gpr::rcx));
      code_.emit(Form::ADDSD_X_XM64, X(Xmm::xmm0), X(Xmm::xmm0));
      code_.bind(done);
      code_.emit(Form::MOVQ_RM64_X, R(Gpr::rax), X(Xmm::xmm0));
      storeValue(instr.result, Gpr::rax);
      return;
    }
    default: break;  // Trunc, Bitcast: the destination's canonical form below
  }
  canonicalize(Gpr::rax, instr.type);
  storeValue(instr.result, Gpr::rax);
}

// BSR/BSF instead of LZCNT/TZCNT/POPCNT, which not every x86-64 has (spec
// §8 also wants clz(0) = ctz(0) = width, which BSR/BSF leave undefined).
void FunctionEmitter::emitBitCount(const ir::Instr& instr) {
  const unsigned bits = instr.type < types_.count() ? types_.bitWidth(instr.type) : 64;
  loadValue(Gpr::rax, instr.operand[0]);
  zeroExtendByWidth(Gpr::rax, bits);
  if (instr.op == ir::Opcode::Popcount) {
    // Parallel bit count (Hacker's Delight 5-2) on 64 bits.
    code_.emit(Form::MOV_R64_RM64, R(Gpr::rcx), R(Gpr::rax));
    code_.emit(Form::SHR_RM64_I8, R(Gpr::rcx), I(1));
    code_.emit(Form::MOV_R64_I64, R(Gpr::rdx), I(0x5555555555555555LL));
    code_.emit(Form::AND_RM64_R64, R(Gpr::rcx), R(Gpr::rdx));
    code_.emit(Form::SUB_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
    code_.emit(Form::MOV_R64_I64, R(Gpr::rdx), I(0x3333333333333333LL));
    code_.emit(Form::MOV_R64_RM64, R(Gpr::rcx), R(Gpr::rax));
    code_.emit(Form::AND_RM64_R64, R(Gpr::rcx), R(Gpr::rdx));
    code_.emit(Form::SHR_RM64_I8, R(Gpr::rax), I(2));
    code_.emit(Form::AND_RM64_R64, R(Gpr::rax), R(Gpr::rdx));
    code_.emit(Form::ADD_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
    code_.emit(Form::MOV_R64_RM64, R(Gpr::rcx), R(Gpr::rax));
    code_.emit(Form::SHR_RM64_I8, R(Gpr::rcx), I(4));
    code_.emit(Form::ADD_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
    code_.emit(Form::MOV_R64_I64, R(Gpr::rdx), I(0x0F0F0F0F0F0F0F0FLL));
    code_.emit(Form::AND_RM64_R64, R(Gpr::rax), R(Gpr::rdx));
    code_.emit(Form::MOV_R64_I64, R(Gpr::rdx), I(0x0101010101010101LL));
    code_.emit(Form::IMUL_R64_RM64, R(Gpr::rax), R(Gpr::rdx));
    code_.emit(Form::SHR_RM64_I8, R(Gpr::rax), I(56));
  } else {
    Label nonZero = code_.newLabel(), done = code_.newLabel();
    code_.emit(Form::TEST_RM64_R64, R(Gpr::rax), R(Gpr::rax));
    code_.branch(Form::JNE, nonZero);
    code_.emit(Form::MOV_R32_I32, R(Gpr::rax), I(bits));
    code_.branch(Form::JMP_REL32, done);
    code_.bind(nonZero);
    if (instr.op == ir::Opcode::Clz) {
      code_.emit(Form::BSR_R64_RM64, R(Gpr::rax), R(Gpr::rax));  // index of the top set bit
      code_.emit(Form::MOV_R32_I32, R(Gpr::rcx), I(bits - 1));
      code_.emit(Form::SUB_RM64_R64, R(Gpr::rcx), R(Gpr::rax));
      code_.emit(Form::MOV_R64_RM64, R(Gpr::rax), R(Gpr::rcx));
    } else {
      code_.emit(Form::BSF_R64_RM64, R(Gpr::rax), R(Gpr::rax));
    }
    code_.bind(done);
  }
  canonicalize(Gpr::rax, instr.type);
  storeValue(instr.result, Gpr::rax);
}

void FunctionEmitter::emitElementAddress(const ir::Instr& instr) {
  const ir::Type& array = types_.get(instr.type);
  const std::uint64_t elementSize =
      array.element < types_.count() ? types_.get(array.element).size : 0;
  // The index in rcx (scaled there), the base loaded into the result's
  // register afterwards, so no operand is overwritten before it is read.
  loadValue(Gpr::rcx, instr.operand[1]);
  // Unsigned compare: a negative index (sign-extended) is huge and traps too.
  if (array.count <= static_cast<std::uint64_t>(INT32_MAX)) {
    code_.emit(Form::CMP_RM64_I32, R(Gpr::rcx), I(static_cast<std::int64_t>(array.count)));
  } else {
    moveImmediate(Gpr::rdx, static_cast<std::int64_t>(array.count));
    code_.emit(Form::CMP_RM64_R64, R(Gpr::rcx), R(Gpr::rdx));
  }
  trapUnless(Form::JB);
  const auto size = static_cast<std::int64_t>(elementSize);
  if (size > 1 && std::has_single_bit(elementSize)) {
    code_.emit(Form::SHL_RM64_I8, R(Gpr::rcx), I(std::countr_zero(elementSize)));
  } else if (size != 1 && fitsInt32(size)) {
    code_.emit(Form::IMUL_R64_RM64_I32, R(Gpr::rcx), R(Gpr::rcx), I(size));
  } else if (size != 1) {
    moveImmediate(Gpr::rdx, size);
    code_.emit(Form::IMUL_R64_RM64, R(Gpr::rcx), R(Gpr::rdx));
  }
  const Gpr target = resultRegister(instr.result, Gpr::rax);
  loadValue(target, instr.operand[0]);
  code_.emit(Form::ADD_RM64_R64, R(target), R(Gpr::rcx));
  storeValue(instr.result, target);
}

void FunctionEmitter::emitStore(const ir::Instr& instr) {
  const std::uint64_t size = instr.type < types_.count() ? types_.get(instr.type).size : 8;
  const ir::ValueId value = instr.operand[1];
  const Operand address = addressOperand(instr.operand[0], Gpr::rcx);
  std::int64_t constant = 0;
  if (immediate32(value, constant)) {
    switch (size) {
      case 1: code_.emit(Form::MOV_RM8_I8, address, I(static_cast<std::int8_t>(constant))); return;
      case 2:
        code_.emit(Form::MOV_RM16_I16, address, I(static_cast<std::int16_t>(constant)));
        return;
      case 4:
        code_.emit(Form::MOV_RM32_I32, address, I(static_cast<std::int32_t>(constant)));
        return;
      case 8: code_.emit(Form::MOV_RM64_I32, address, I(constant)); return;
      default: break;
    }
  }
  if (homeKind(value) == ValueHomeKind::XmmRegister && size == 8) {
    code_.emit(Form::MOVSD_XM64_X, address, X(home(value).xmm));
    return;
  }
  storeSized(address, valueInRegister(value, Gpr::rax), size);
}

// PtrAdd / PtrSub: a +- b * size, with the multiply folded into the
// immediate when b is a constant, skipped for bytes and a shift for powers of two.
void FunctionEmitter::emitPointerOffset(const ir::Instr& instr, std::uint64_t elementSize) {
  const bool add = instr.op == ir::Opcode::PtrAdd;
  const auto size = static_cast<std::int64_t>(elementSize);
  std::int64_t index = 0;
  // |index| < 2^31 and size < 2^24: the product cannot overflow.
  if (immediate32(instr.operand[1], index) && size < (1LL << 24) &&
      fitsInt32(add ? index * size : -index * size)) {
    const std::int64_t offset = add ? index * size : -index * size;
    const Gpr target = resultRegister(instr.result, Gpr::rax);
    loadValue(target, instr.operand[0]);
    if (offset != 0) code_.emit(Form::ADD_RM64_I32, R(target), I(offset));
    storeValue(instr.result, target);
    return;
  }
  if (size == 1) {
    Gpr target = resultRegister(instr.result, Gpr::rax);
    const ir::ValueId b = instr.operand[1];
    if (operandReads(b, target)) target = Gpr::rax;
    loadValue(target, instr.operand[0]);
    code_.emit(add ? Form::ADD_R64_RM64 : Form::SUB_R64_RM64, R(target), valueOperand(b, Gpr::rcx));
    storeValue(instr.result, target);
    return;
  }
  const Gpr target = resultRegister(instr.result, Gpr::rax);
  scaledIndex(instr.operand[1], size);
  loadValue(target, instr.operand[0]);  // never rcx: pool registers are not scratch
  code_.emit(add ? Form::ADD_RM64_R64 : Form::SUB_RM64_R64, R(target), R(Gpr::rcx));
  storeValue(instr.result, target);
}

// rcx = index * size (size > 1). A size that is no power of two takes the
// three-operand imul straight from the index's register (from memory it
// stays a plain load first: see foldsAsRightOperand in value_homes.cpp).
void FunctionEmitter::scaledIndex(ir::ValueId index, std::int64_t size) {
  if (std::has_single_bit(static_cast<std::uint64_t>(size))) {
    loadValue(Gpr::rcx, index);
    code_.emit(Form::SHL_RM64_I8, R(Gpr::rcx),
               I(std::countr_zero(static_cast<std::uint64_t>(size))));
  } else if (fitsInt32(size)) {
    code_.emit(Form::IMUL_R64_RM64_I32, R(Gpr::rcx), R(valueInRegister(index, Gpr::rcx)), I(size));
  } else {
    loadValue(Gpr::rcx, index);
    moveImmediate(Gpr::rdx, size);
    code_.emit(Form::IMUL_R64_RM64, R(Gpr::rcx), R(Gpr::rdx));
  }
}

void FunctionEmitter::emitCall(const ir::Instr& instr) {
  if (instr.type >= types_.count() || types_.get(instr.type).kind != ir::TypeKind::Function) {
    context_.problems.push_back("call without a function type in " + function_.name);
    code_.emit(Form::UD2);
    return;
  }
  const ir::Type& signature = types_.get(instr.type);
  // A member reused call after call: a fresh vector per call showed in malloc.
  std::vector<ir::TypeId>& argumentTypes = argumentTypes_;
  argumentTypes.clear();
  const std::span<const ir::CallArgument> arguments = function_.arguments(instr);
  const ir::ValueId aggregateResultAddress = function_.callSite(instr).aggregateResultAddress;
  for (const ir::CallArgument& argument : arguments) argumentTypes.push_back(argument.type);
  CallPlan& plan = scratch_.callPlan;
  planCall(types_, argumentTypes, signature.result, plan);

  // Stack arguments first: copying them uses rsi, rdi and rcx.
  for (std::size_t i = 0; i < plan.arguments.size(); ++i) {
    const ArgumentPlacement& placement = plan.arguments[i];
    if (!placement.onStack) continue;
    const ir::CallArgument& argument = arguments[i];
    const auto at = static_cast<std::int64_t>(placement.stackOffset);
    if (types_.isAggregate(argument.type)) {
      loadValue(Gpr::rsi, argument.value);
      code_.emit(Form::LEA_R64_M, R(Gpr::rdi), M(Gpr::rsp, at));
      copyBytes(placement.classification.size);
    } else {
      loadValue(Gpr::rax, argument.value);
      code_.emit(Form::MOV_RM64_R64, M(Gpr::rsp, at), R(Gpr::rax));
    }
  }
  for (std::size_t i = 0; i < plan.arguments.size(); ++i) {
    const ArgumentPlacement& placement = plan.arguments[i];
    if (placement.onStack) continue;
    const ir::CallArgument& argument = arguments[i];
    const Classification& c = placement.classification;
    const bool aggregate = types_.isAggregate(argument.type);
    if (!aggregate && c.eightbyteCount == 1 && c.eightbytes[0] == EightbyteClass::Sse) {
      // An f64 goes to its xmm register straight from its home.
      loadFloat(kSseArgument[placement.registerIndex[0]], argument.value);
      continue;
    }
    if (aggregate) loadValue(Gpr::r10, argument.value);
    for (int e = 0; e < c.eightbyteCount; ++e) {
      const bool sse = c.eightbytes[e] == EightbyteClass::Sse;
      const Gpr target = sse ? Gpr::r11 : kIntegerArgument[placement.registerIndex[e]];
      if (aggregate) {
        const std::uint64_t bytes =
            std::min<std::uint64_t>(8, c.size - 8 * static_cast<std::uint64_t>(e));
        loadPartial(target, Gpr::r10, 8 * e, bytes);
      } else {
        loadValue(target, argument.value);
      }
      if (sse)
        code_.emit(Form::MOVQ_X_RM64, X(kSseArgument[placement.registerIndex[e]]), R(Gpr::r11));
    }
  }
  if (plan.resultInMemory) loadValue(Gpr::rdi, aggregateResultAddress);
  if (instr.op == ir::Opcode::CallIndirect) loadValue(Gpr::r11, instr.operand[0]);
  // al = number of vector registers used: required for variadic callees,
  // harmless for the others. Toy functions are never variadic.
  if (instr.op != ir::Opcode::Call)
    code_.emit(Form::MOV_R32_I32, R(Gpr::rax), I(plan.sseRegistersUsed));

  if (instr.op == ir::Opcode::Call && instr.index < context_.functionLabels.size()) {
    code_.branch(Form::CALL_REL32, context_.functionLabels[instr.index]);
  } else if (instr.op == ir::Opcode::CallExtern && instr.index < module_.externs.size()) {
    const std::size_t start = code_.size();
    const EncodedFields fields = code_.emit(Form::CALL_REL32, I(0));
    context_.addTextRelocation(start + static_cast<std::uint64_t>(fields.rel32Offset),
                               R_X86_64_PLT32, context_.externSymbolFor(instr.index), false, -4);
  } else {
    code_.emit(Form::CALL_RM64, R(Gpr::r11));
  }

  const ir::TypeId result = signature.result;
  if (result == ir::TypeTable::kVoid || result >= types_.count()) return;
  if (!types_.isAggregate(result)) {
    if (result == ir::TypeTable::kF64) {
      storeFloat(instr.result, Xmm::xmm0);
      return;
    }
    canonicalize(Gpr::rax, result);
    storeValue(instr.result, Gpr::rax);
    return;
  }
  if (plan.resultInMemory) return;  // the callee wrote through the sret pointer
  const Classification& c = plan.result;
  code_.emit(Form::MOV_R64_RM64, R(Gpr::rsi), R(Gpr::rdx));  // second integer eightbyte
  loadValue(Gpr::r10, aggregateResultAddress);
  int integerUsed = 0, sseUsed = 0;
  for (int e = 0; e < c.eightbyteCount; ++e) {
    const std::uint64_t bytes =
        std::min<std::uint64_t>(8, c.size - 8 * static_cast<std::uint64_t>(e));
    Gpr source = Gpr::rax;
    if (c.eightbytes[e] == EightbyteClass::Sse) {
      code_.emit(Form::MOVQ_RM64_X, R(Gpr::rdx), X(sseUsed++ == 0 ? Xmm::xmm0 : Xmm::xmm1));
      source = Gpr::rdx;
    } else {
      source = integerUsed++ == 0 ? Gpr::rax : Gpr::rsi;
    }
    storePartial(Gpr::r10, 8 * e, source, bytes);
  }
}

void FunctionEmitter::emitReturn(const ir::Instr& instr) {
  const ir::TypeId result = function_.result;
  if (result != ir::TypeTable::kVoid && result < types_.count() && validValue(instr.operand[0])) {
    if (result == ir::TypeTable::kF64) {
      loadFloat(Xmm::xmm0, instr.operand[0]);
    } else if (!types_.isAggregate(result)) {
      loadValue(Gpr::rax, instr.operand[0]);
    } else if (incoming_.resultInMemory) {
      loadValue(Gpr::rsi, instr.operand[0]);
      code_.emit(Form::MOV_R64_RM64, R(Gpr::rdi), M(Gpr::rbp, sretOffset_));
      copyBytes(incoming_.result.size);
      code_.emit(Form::MOV_R64_RM64, R(Gpr::rax), M(Gpr::rbp, sretOffset_));
    } else {
      const Classification& c = incoming_.result;
      loadValue(Gpr::r10, instr.operand[0]);
      int integerUsed = 0, sseUsed = 0;
      for (int e = 0; e < c.eightbyteCount; ++e) {
        const std::uint64_t bytes =
            std::min<std::uint64_t>(8, c.size - 8 * static_cast<std::uint64_t>(e));
        if (c.eightbytes[e] == EightbyteClass::Sse) {
          loadPartial(Gpr::r11, Gpr::r10, 8 * e, bytes);
          code_.emit(Form::MOVQ_X_RM64, X(sseUsed++ == 0 ? Xmm::xmm0 : Xmm::xmm1), R(Gpr::r11));
        } else {
          // The first integer eightbyte is built in rcx so rax stays free as
          // loadPartial's scratch, then moved.
          const Gpr target = integerUsed++ == 0 ? Gpr::rcx : Gpr::rdx;
          loadPartial(target, Gpr::r10, 8 * e, bytes);
        }
      }
      if (integerUsed > 0) code_.emit(Form::MOV_R64_RM64, R(Gpr::rax), R(Gpr::rcx));
    }
  }
  // The last block's return falls into the epilogue.
  if (nextBlock_ != ir::kNoBlock) code_.branch(Form::JMP_REL32, epilogue_);
}

void FunctionEmitter::emitInstruction(const ir::Instr& instr) {
  using Op = ir::Opcode;
  const bool needsType = instr.op == Op::ElementAddr || instr.op == Op::PtrAdd ||
                         instr.op == Op::PtrSub || instr.op == Op::PtrDiff;
  if (needsType && instr.type >= types_.count()) {
    context_.problems.push_back("instruction without a type in " + function_.name);
    code_.emit(Form::UD2);
    return;
  }
  switch (instr.op) {
    case Op::ConstInt:
      if (homeKind(instr.result) == ValueHomeKind::Immediate) break;
      moveImmediate(Gpr::rax, instr.immediate);
      canonicalize(Gpr::rax, instr.type);
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::ConstF64: {
      std::int64_t bits = 0;
      std::memcpy(&bits, &instr.floatImmediate, sizeof bits);
      moveImmediate(Gpr::rax, bits);
      storeValue(instr.result, Gpr::rax);
      break;
    }
    case Op::ConstNull:
      if (homeKind(instr.result) == ValueHomeKind::Immediate) break;
      code_.emit(Form::XOR_RM32_R32, R(Gpr::rax), R(Gpr::rax));
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::GlobalAddr:
      if (instr.index < context_.globalOffset.size())
        emitRipAddress(Gpr::rax, R_X86_64_PC32,
                       static_cast<std::uint32_t>(context_.globalSection[instr.index]), true,
                       static_cast<std::int64_t>(context_.globalOffset[instr.index]));
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::FunctionAddr:
      if (instr.index < context_.functionLabels.size())
        code_.ripRelative(Form::LEA_R64_M, R(Gpr::rax), context_.functionLabels[instr.index]);
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::ExternAddr:
      if (instr.index < module_.externs.size())
        emitRipAddress(Gpr::rax, R_X86_64_GOTPCREL, context_.externSymbolFor(instr.index), false,
                       0);
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::StringAddr:
      // The string's offset in .rodata is added to the addend by finish().
      context_.noteStringReference(instr.index);
      emitRipAddress(Gpr::rax, R_X86_64_PC32, static_cast<std::uint32_t>(context_.rodataSection),
                     true, 0);
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::SlotAddr:
      if (homeKind(instr.result) == ValueHomeKind::FrameAddress) break;
      if (instr.index < slotOffsets_.size())
        code_.emit(Form::LEA_R64_M, R(Gpr::rax), M(Gpr::rbp, slotOffset(instr.index)));
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::Load: {
      // A folded load is read by the next instruction, as its operand.
      if (homeKind(instr.result) == ValueHomeKind::FoldedLoad) break;
      // An unused load still runs: it may be the fault the program expects.
      const Operand address = addressOperand(instr.operand[0], Gpr::rcx);
      if (homeKind(instr.result) == ValueHomeKind::XmmRegister) {
        code_.emit(Form::MOVSD_X_XM64, X(home(instr.result).xmm), address);
        break;
      }
      const Gpr target = resultRegister(instr.result, Gpr::rax);
      loadSized(target, address, instr.type);
      storeValue(instr.result, target);
      break;
    }
    case Op::Store: emitStore(instr); break;
    case Op::Copy: {
      const std::uint64_t size = instr.type < types_.count() ? types_.get(instr.type).size : 0;
      if (size <= kInlineCopyLimit) {
        const auto [destination, destinationDisp] = pointerBase(instr.operand[0], Gpr::rdi);
        const auto [source, sourceDisp] = pointerBase(instr.operand[1], Gpr::rsi);
        copyInline(destination, destinationDisp, source, sourceDisp, size);
        break;
      }
      loadValue(Gpr::rdi, instr.operand[0]);
      loadValue(Gpr::rsi, instr.operand[1]);
      copyBytes(size);
      break;
    }
    case Op::Zero:
      if (instr.type < types_.count() && types_.get(instr.type).size <= kInlineCopyLimit) {
        const auto [destination, disp] = pointerBase(instr.operand[0], Gpr::rdi);
        zeroInline(destination, disp, types_.get(instr.type).size);
        break;
      }
      loadValue(Gpr::rdi, instr.operand[0]);
      code_.emit(Form::XOR_RM32_R32, R(Gpr::rax), R(Gpr::rax));
      moveImmediate(Gpr::rcx, static_cast<std::int64_t>(
                                  instr.type < types_.count() ? types_.get(instr.type).size : 0));
      code_.emit(Form::REP_STOSB);
      break;
    case Op::FieldAddr:
      if (homeKind(instr.result) == ValueHomeKind::FrameAddress ||
          homeKind(instr.result) == ValueHomeKind::FoldedField)
        break;
      if (fitsInt32(instr.immediate) && homeKind(instr.operand[0]) == ValueHomeKind::Register) {
        const Gpr target = resultRegister(instr.result, Gpr::rax);
        const Gpr base = home(instr.operand[0]).reg;
        if (target != base || instr.immediate != 0)
          code_.emit(Form::LEA_R64_M, R(target), M(base, instr.immediate));
        storeValue(instr.result, target);
        break;
      }
      loadValue(Gpr::rax, instr.operand[0]);
      if (fitsInt32(instr.immediate)) {
        if (instr.immediate != 0) code_.emit(Form::ADD_RM64_I32, R(Gpr::rax), I(instr.immediate));
      } else {
        moveImmediate(Gpr::rcx, instr.immediate);
        code_.emit(Form::ADD_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
      }
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::ElementAddr:
      if (homeKind(instr.result) == ValueHomeKind::FrameAddress) break;  // checked statically
      emitElementAddress(instr);
      break;
    case Op::PtrAdd:
    case Op::PtrSub: {
      const ir::Type& pointer = types_.get(instr.type);
      const std::uint64_t size =
          pointer.element < types_.count() ? types_.get(pointer.element).size : 1;
      emitPointerOffset(instr, size);
      break;
    }
    case Op::PtrDiff: {
      const ir::Type& pointer = types_.get(instr.type);
      const std::uint64_t size =
          pointer.element < types_.count() ? types_.get(pointer.element).size : 1;
      loadValue(Gpr::rax, instr.operand[0]);
      code_.emit(Form::SUB_R64_RM64, R(Gpr::rax), valueOperand(instr.operand[1], Gpr::rcx));
      if (size > 1) {
        moveImmediate(Gpr::rcx, static_cast<std::int64_t>(size));
        code_.emit(Form::CQO);
        code_.emit(Form::IDIV_RM64, R(Gpr::rcx));
      }
      storeValue(instr.result, Gpr::rax);
      break;
    }
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::And:
    case Op::Or:
    case Op::Xor: emitArithmetic(instr); break;
    case Op::SDiv:
    case Op::UDiv:
    case Op::SRem:
    case Op::URem: emitDivision(instr); break;
    case Op::Shl:
    case Op::LShr:
    case Op::AShr: emitShift(instr); break;
    case Op::Neg:
      loadValue(Gpr::rax, instr.operand[0]);
      code_.emit(Form::NEG_RM64, R(Gpr::rax));
      canonicalize(Gpr::rax, instr.type);
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::Not:
      loadValue(Gpr::rax, instr.operand[0]);
      if (instr.type == ir::TypeTable::kBool)
        code_.emit(Form::XOR_RM32_I8, R(Gpr::rax), I(1));
      else
        code_.emit(Form::NOT_RM64, R(Gpr::rax));
      canonicalize(Gpr::rax, instr.type);
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::Cmp: emitCompare(instr); break;
    case Op::Trunc:
    case Op::SExt:
    case Op::ZExt:
    case Op::SIToFP:
    case Op::UIToFP:
    case Op::Bitcast: emitConversion(instr); break;
    case Op::FPToSI:
    case Op::FPToUI: emitFloatToInteger(instr); break;
    case Op::FAdd:
    case Op::FSub:
    case Op::FMul:
    case Op::FDiv: {
      const Form form = instr.op == Op::FAdd   ? Form::ADDSD_X_XM64
                        : instr.op == Op::FSub ? Form::SUBSD_X_XM64
                        : instr.op == Op::FMul ? Form::MULSD_X_XM64
                                               : Form::DIVSD_X_XM64;
      // Computed in the result's xmm register unless b lives there.
      const ir::ValueId b = instr.operand[1];
      Xmm target = Xmm::xmm0;
      if (homeKind(instr.result) == ValueHomeKind::XmmRegister &&
          !(homeKind(b) == ValueHomeKind::XmmRegister && home(b).xmm == home(instr.result).xmm))
        target = home(instr.result).xmm;
      loadFloat(target, instr.operand[0]);
      if (homeKind(b) == ValueHomeKind::Stack) {
        code_.emit(form, X(target), M(Gpr::rbp, valueOffsets_[b]));
      } else if (homeKind(b) == ValueHomeKind::FoldedLoad) {
        code_.emit(form, X(target), addressOperand(home(b).base, Gpr::rcx));
      } else if (homeKind(b) == ValueHomeKind::XmmRegister) {
        code_.emit(form, X(target), X(home(b).xmm));
      } else {
        loadFloat(Xmm::xmm1, b);
        code_.emit(form, X(target), X(Xmm::xmm1));
      }
      storeFloat(instr.result, target);
      break;
    }
    case Op::FNeg:
      loadValue(Gpr::rax, instr.operand[0]);
      code_.emit(Form::MOV_R64_I64, R(Gpr::rcx), I(INT64_MIN));
      code_.emit(Form::XOR_RM64_R64, R(Gpr::rax), R(Gpr::rcx));
      storeValue(instr.result, Gpr::rax);
      break;
    case Op::Call:
    case Op::CallIndirect:
    case Op::CallExtern: emitCall(instr); break;
    case Op::Trap: code_.emit(Form::UD2); break;
    case Op::Breakpoint: code_.emit(Form::INT3); break;
    case Op::Popcount:
    case Op::Clz:
    case Op::Ctz: emitBitCount(instr); break;
    case Op::Br:
      if (instr.target[0] < blockLabels_.size() && instr.target[0] != nextBlock_)
        code_.branch(Form::JMP_REL32, blockLabels_[instr.target[0]]);
      break;
    case Op::CondBr: {
      Form jump = Form::JNE;
      if (homeKind(instr.operand[0]) == ValueHomeKind::Flags) {
        jump = pendingBranch_;
      } else {
        const Gpr condition = valueInRegister(instr.operand[0], Gpr::rax);
        code_.emit(Form::TEST_RM8_R8, R(condition), R(condition));
      }
      const bool haveTrue = instr.target[0] < blockLabels_.size();
      const bool haveFalse = instr.target[1] < blockLabels_.size();
      if (haveTrue && haveFalse && instr.target[0] == nextBlock_) {
        // Fall through into the true block: jump away when false.
        code_.branch(inverseBranch(jump), blockLabels_[instr.target[1]]);
        break;
      }
      if (haveTrue) code_.branch(jump, blockLabels_[instr.target[0]]);
      if (haveFalse && instr.target[1] != nextBlock_)
        code_.branch(Form::JMP_REL32, blockLabels_[instr.target[1]]);
      break;
    }
    case Op::Ret: emitReturn(instr); break;
    case Op::Unreachable: code_.emit(Form::UD2); break;
  }
}

DebugVariable FunctionEmitter::debugVariable(std::uint32_t slot) const {
  const ir::Slot& source = function_.slots[slot];
  DebugVariable variable;
  variable.name = source.name;
  variable.type = source.type;
  variable.frameOffset = slotOffsets_[slot];
  variable.file = source.declared.file;
  variable.line = source.declared.line;
  return variable;
}

// One lexical block per Toy block that declares locals: the locals sharing a
// scope end (the block's closing brace). Its code range covers every
// instruction whose source position lies inside the block's source range.
void FunctionEmitter::buildScopes(DebugFunction& debug) const {
  struct Group {
    ir::SourceLocation begin, end;
    std::vector<std::uint32_t> slots;
  };
  std::vector<Group> groups;
  const ir::SourceLocation& functionEnd = function_.endLocation;
  if (function_.slots.size() > function_.parameterCount)
    debug.body.variables.reserve(function_.slots.size() - function_.parameterCount);
  for (std::uint32_t i = function_.parameterCount; i < function_.slots.size(); ++i) {
    const ir::Slot& slot = function_.slots[i];
    if (slot.kind != ir::SlotKind::Local) continue;
    const bool functionLevel =
        slot.scopeEnd.line == 0 ||
        (slot.scopeEnd.file == functionEnd.file && slot.scopeEnd.line == functionEnd.line &&
         slot.scopeEnd.column == functionEnd.column);
    if (functionLevel) {
      debug.body.variables.push_back(debugVariable(i));
      continue;
    }
    auto found = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return !locationBefore(g.end, slot.scopeEnd) && !locationBefore(slot.scopeEnd, g.end);
    });
    if (found == groups.end()) {
      groups.push_back({slot.scopeBegin, slot.scopeEnd, {}});
      found = groups.end() - 1;
    }
    if (locationBefore(slot.scopeBegin, found->begin)) found->begin = slot.scopeBegin;
    found->slots.push_back(i);
  }
  // Outer blocks first (earlier begin, later end), so each block's parent is
  // already placed when it is inserted.
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    if (locationBefore(a.begin, b.begin) || locationBefore(b.begin, a.begin))
      return locationBefore(a.begin, b.begin);
    return locationBefore(b.end, a.end);
  });
  struct Placed {
    ir::SourceLocation begin, end;
    std::vector<std::size_t> path;  // child indexes from debug.body
  };
  std::vector<Placed> placed;
  for (const Group& group : groups) {
    DebugScope scope;
    scope.lowPc = UINT64_MAX;
    for (const InstructionSpan& span : spans_) {
      if (locationBefore(span.location, group.begin) || locationBefore(group.end, span.location))
        continue;
      scope.lowPc = std::min(scope.lowPc, span.start);
      scope.highPc = std::max(scope.highPc, span.end);
    }
    if (scope.lowPc == UINT64_MAX) continue;  // no code: nothing can stop inside it
    for (std::uint32_t slot : group.slots) scope.variables.push_back(debugVariable(slot));
    std::vector<std::size_t> parentPath;
    for (auto it = placed.rbegin(); it != placed.rend(); ++it)
      if (!locationBefore(group.begin, it->begin) && !locationBefore(it->end, group.end)) {
        parentPath = it->path;
        break;
      }
    DebugScope* parent = &debug.body;
    for (std::size_t step : parentPath) parent = &parent->children[step];
    // A child's code range must lie inside its parent's for consumers.
    if (parent != &debug.body) {
      scope.lowPc = std::max(scope.lowPc, parent->lowPc);
      scope.highPc = std::min(scope.highPc, parent->highPc);
    }
    parent->children.push_back(std::move(scope));
    parentPath.push_back(parent->children.size() - 1);
    placed.push_back({group.begin, group.end, parentPath});
  }
  // The body is a block inside the parameters' scope (spec §4): when a
  // body-level local shadows a parameter, the body's variables go into a
  // lexical block of their own, else consumers (gdb's `info args`) would
  // find the local when they look the parameter up by name.
  const bool shadowsParameter = std::any_of(
      debug.body.variables.begin(), debug.body.variables.end(), [&](const DebugVariable& local) {
        return std::any_of(
            debug.parameters.begin(), debug.parameters.end(),
            [&](const DebugVariable& parameter) { return parameter.name == local.name; });
      });
  if (shadowsParameter && epilogueStart_ > bodyStart_) {
    DebugScope body = std::move(debug.body);
    body.lowPc = bodyStart_;
    body.highPc = epilogueStart_;
    for (DebugScope& child : body.children) {
      child.lowPc = std::max(child.lowPc, body.lowPc);
      child.highPc = std::min(child.highPc, body.highPc);
    }
    debug.body = DebugScope{};
    debug.body.children.push_back(std::move(body));
  }
}

GeneratedFunction FunctionEmitter::run() {
  GeneratedFunction result;
  assignValueHomes(function_, types_, valueHomes_);
  layoutFrame();
  const std::uint64_t start = code_.size();
  code_.bind(context_.functionLabels[index_]);
  std::size_t instructionCount = 0;
  for (const ir::Block& block : function_.blocks) instructionCount += block.instrCount;
  spans_.reserve(instructionCount);
  blockLabels_.reserve(function_.blocks.size());
  for (std::size_t i = 0; i < function_.blocks.size(); ++i)
    blockLabels_.push_back(code_.newLabel());
  epilogue_ = code_.newLabel();

  noteLocation(function_.location, false);
  emitPrologue();
  bodyStart_ = code_.size();
  // In the layout lowering chose (source order: each Toy block's code one
  // address range), else in block order.
  const std::size_t blockCount = function_.blocks.size();
  const bool laidOut = function_.layout.size() == blockCount &&
                       std::all_of(function_.layout.begin(), function_.layout.end(),
                                   [&](ir::BlockId block) { return block < blockCount; });
  for (std::size_t position = 0; position < blockCount; ++position) {
    const std::size_t b = laidOut ? function_.layout[position] : position;
    code_.bind(blockLabels_[b]);
    nextBlock_ =
        position + 1 < blockCount
            ? static_cast<std::uint32_t>(laidOut ? function_.layout[position + 1] : position + 1)
            : ir::kNoBlock;
    for (const ir::Instr& instr : function_.instructions(function_.blocks[b])) {
      const ir::SourceLocation location = ir::locationOf(instr);
      noteLocation(location, prologueEndPending_ && location.line != 0);
      if (location.line != 0) prologueEndPending_ = false;
      const std::uint64_t instructionStart = code_.size();
      emitInstruction(instr);
      spans_.push_back({location, instructionStart, code_.size()});
    }
  }
  // The single epilogue every Ret jumps to (DWARF CFI describes just one).
  noteLocation(function_.endLocation, false);
  epilogueStart_ = code_.size();
  code_.bind(epilogue_);
  for (std::size_t i = 0; i < valueHomes_.savedRegisters.size(); ++i)
    code_.emit(Form::MOV_R64_RM64, R(valueHomes_.savedRegisters[i]),
               M(Gpr::rbp, savedRegisterOffsets_[i]));
  code_.emit(Form::MOV_RM64_R64, R(Gpr::rsp), R(Gpr::rbp));
  const std::uint64_t popAt = code_.size();
  code_.emit(Form::POP_R64, R(Gpr::rbp));
  code_.emit(Form::RET);

  DebugFunction& debug = result.debug;
  debug.name = function_.name;
  debug.external = function_.exported;
  debug.lowPc = start;
  debug.highPc = code_.size();
  debug.epilogueOffset = popAt;
  debug.savesEnd = savesEnd_;
  for (std::size_t i = 0; i < valueHomes_.savedRegisters.size(); ++i)
    debug.savedRegisters.push_back(
        {static_cast<std::uint8_t>(valueHomes_.savedRegisters[i]), savedRegisterOffsets_[i]});
  debug.file = function_.location.file;
  debug.line = function_.location.line;
  debug.result = function_.result;
  // Sized up front: growing vectors of DebugVariable moves their names.
  debug.parameters.reserve(std::min<std::size_t>(function_.parameterCount, function_.slots.size()));
  for (std::uint32_t i = 0; i < function_.parameterCount && i < function_.slots.size(); ++i)
    debug.parameters.push_back(debugVariable(i));
  buildScopes(debug);
  return result;
}

}  // namespace

GeneratedFunction generateFunction(ModuleContext& context, std::uint32_t functionIndex,
                                   std::vector<DebugLineRow>& lines) {
  FunctionEmitter emitter(context, functionIndex, lines);
  return emitter.run();
}

}  // namespace tide::codegen
