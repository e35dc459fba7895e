#include "value_homes.h"

#include <algorithm>
#include <array>
#include <limits>

namespace tide::codegen {

namespace {

using x86::Gpr;

// Callee-saved, and never used as scratch by the selector.
constexpr std::array<Gpr, 5> kPool = {Gpr::rbx, Gpr::r12, Gpr::r13, Gpr::r14, Gpr::r15};
constexpr std::array<x86::Xmm, 8> kXmmPool = {x86::Xmm::xmm8,  x86::Xmm::xmm9,  x86::Xmm::xmm10,
                                              x86::Xmm::xmm11, x86::Xmm::xmm12, x86::Xmm::xmm13,
                                              x86::Xmm::xmm14, x86::Xmm::xmm15};
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

template <typename F>
void forEachUse(const ir::Instr& instr, F&& use) {
  for (ir::ValueId v : instr.operand)
    if (v != ir::kNoValue) use(v);
  for (const ir::CallArgument& argument : instr.arguments)
    if (argument.value != ir::kNoValue) use(argument.value);
  if (instr.aggregateResultAddress != ir::kNoValue) use(instr.aggregateResultAddress);
}

bool fitsDisplacement(std::int64_t value) { return value > -(1LL << 30) && value < (1LL << 30); }

bool isCall(ir::Opcode op) {
  return op == ir::Opcode::Call || op == ir::Opcode::CallExtern || op == ir::Opcode::CallIndirect;
}

struct Usage {
  std::uint32_t defBlock = kNone;
  std::uint32_t lastUse = 0;  // instruction index in defBlock
  std::uint32_t uses = 0;
  bool usedElsewhere = false;
};

}  // namespace

std::int64_t canonicalConstant(const ir::TypeTable& types, ir::TypeId type, std::int64_t value) {
  if (type >= types.count()) return value;
  if (type == ir::TypeTable::kBool) return value & 0xff;
  if (!types.isInteger(type)) return value;
  const unsigned bits = types.bitWidth(type);
  if (bits >= 64 || bits == 0) return value;
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  const std::uint64_t low = static_cast<std::uint64_t>(value) & mask;
  if (types.isSigned(type) && (low >> (bits - 1)) != 0)
    return static_cast<std::int64_t>(low | ~mask);
  return static_cast<std::int64_t>(low);
}

ValueHomes assignValueHomes(const ir::Function& function, const ir::TypeTable& types) {
  const std::size_t count = function.valueTypes.size();
  ValueHomes result;
  result.homes.resize(count);
  std::vector<Usage> usage(count);

  // Definitions: where, and the homes that need no code.
  for (std::uint32_t b = 0; b < function.blocks.size(); ++b) {
    const ir::Block& block = function.blocks[b];
    for (std::uint32_t i = 0; i < block.instrs.size(); ++i) {
      const ir::Instr& instr = block.instrs[i];
      const ir::ValueId v = instr.result;
      if (v >= count) continue;
      usage[v].defBlock = b;
      ValueHome& home = result.homes[v];
      switch (instr.op) {
        case ir::Opcode::ConstInt:
          home.kind = ValueHomeKind::Immediate;
          home.constant = canonicalConstant(types, instr.type, instr.immediate);
          break;
        case ir::Opcode::ConstNull:
          home.kind = ValueHomeKind::Immediate;
          home.constant = 0;
          break;
        case ir::Opcode::SlotAddr:
          if (instr.index < function.slots.size()) {
            home.kind = ValueHomeKind::FrameAddress;
            home.slot = instr.index;
          }
          break;
        case ir::Opcode::FieldAddr: {
          const ir::ValueId base = instr.operand[0];
          if (base < count && result.homes[base].kind == ValueHomeKind::FrameAddress &&
              fitsDisplacement(result.homes[base].constant + instr.immediate)) {
            home.kind = ValueHomeKind::FrameAddress;
            home.slot = result.homes[base].slot;
            home.constant = result.homes[base].constant + instr.immediate;
          }
          break;
        }
        case ir::Opcode::ElementAddr: {
          // A constant index into a local array: checked here, not at run time.
          const ir::ValueId base = instr.operand[0], index = instr.operand[1];
          if (base >= count || index >= count || instr.type >= types.count()) break;
          const ValueHome& baseHome = result.homes[base];
          const ValueHome& indexHome = result.homes[index];
          const ir::Type& array = types.get(instr.type);
          if (baseHome.kind != ValueHomeKind::FrameAddress ||
              indexHome.kind != ValueHomeKind::Immediate || indexHome.constant < 0 ||
              static_cast<std::uint64_t>(indexHome.constant) >= array.count ||
              array.element >= types.count())
            break;
          const std::uint64_t size = types.get(array.element).size;
          if (size > (1u << 20) || indexHome.constant > (1 << 20)) break;
          const std::int64_t offset =
              baseHome.constant + indexHome.constant * static_cast<std::int64_t>(size);
          if (!fitsDisplacement(offset)) break;
          home.kind = ValueHomeKind::FrameAddress;
          home.slot = baseHome.slot;
          home.constant = offset;
          break;
        }
        default: break;
      }
    }
  }

  // Uses.
  for (std::uint32_t b = 0; b < function.blocks.size(); ++b) {
    const ir::Block& block = function.blocks[b];
    for (std::uint32_t i = 0; i < block.instrs.size(); ++i)
      forEachUse(block.instrs[i], [&](ir::ValueId v) {
        if (v >= count) return;
        Usage& u = usage[v];
        ++u.uses;
        if (u.defBlock != b)
          u.usedElsewhere = true;
        else
          u.lastUse = i;
      });
  }

  // A field address used once, as the address of the load or store right
  // after it, becomes that instruction's displacement. Its base must then
  // live until that instruction.
  for (std::uint32_t b = 0; b < function.blocks.size(); ++b) {
    const ir::Block& block = function.blocks[b];
    for (std::uint32_t i = 0; i + 1 < block.instrs.size(); ++i) {
      const ir::Instr& field = block.instrs[i];
      const ir::Instr& next = block.instrs[i + 1];
      const ir::ValueId v = field.result;
      if (field.op != ir::Opcode::FieldAddr || v >= count || usage[v].uses != 1) continue;
      if (result.homes[v].kind != ValueHomeKind::Stack || !fitsDisplacement(field.immediate))
        continue;
      const ir::ValueId base = field.operand[0];
      if (base >= count) continue;
      const bool addressOfNext =
          (next.op == ir::Opcode::Load && next.operand[0] == v) ||
          (next.op == ir::Opcode::Store && next.operand[0] == v && next.operand[1] != v);
      if (!addressOfNext) continue;
      ValueHome& home = result.homes[v];
      home.kind = ValueHomeKind::FoldedField;
      home.base = base;
      home.constant = field.immediate;
      if (usage[base].defBlock == b) usage[base].lastUse = std::max(usage[base].lastUse, i + 1);
    }
  }

  // Compares feeding the branch right after them stay in the flags. FEq and
  // FNe need two flag tests (parity for NaN), so they keep their setcc.
  for (const ir::Block& block : function.blocks)
    for (std::size_t i = 0; i + 1 < block.instrs.size(); ++i) {
      const ir::Instr& compare = block.instrs[i];
      const ir::Instr& branch = block.instrs[i + 1];
      if (compare.op != ir::Opcode::Cmp || compare.result >= count) continue;
      if (compare.predicate == ir::CmpPredicate::FEq || compare.predicate == ir::CmpPredicate::FNe)
        continue;
      if (branch.op == ir::Opcode::CondBr && branch.operand[0] == compare.result &&
          usage[compare.result].uses == 1)
        result.homes[compare.result].kind = ValueHomeKind::Flags;
    }

  // Block-local values: linear allocation over the block's instructions. An
  // operand's register is free again once the instruction that reads it last
  // has read it, so that instruction's result may take it (every selector
  // sequence reads all operands before it writes its result).
  bool used[kPool.size()] = {};
  std::vector<std::uint32_t> callsSoFar;  // per instruction of the block: calls before it
  for (std::uint32_t b = 0; b < function.blocks.size(); ++b) {
    const ir::Block& block = function.blocks[b];
    callsSoFar.assign(block.instrs.size() + 1, 0);
    for (std::uint32_t i = 0; i < block.instrs.size(); ++i)
      callsSoFar[i + 1] = callsSoFar[i] + (isCall(block.instrs[i].op) ? 1 : 0);
    std::array<ir::ValueId, kPool.size()> holder;
    holder.fill(ir::kNoValue);
    std::array<ir::ValueId, kXmmPool.size()> xmmHolder;
    xmmHolder.fill(ir::kNoValue);
    for (std::uint32_t i = 0; i < block.instrs.size(); ++i) {
      const ir::Instr& instr = block.instrs[i];
      auto release = [&](ir::ValueId v) {
        if (v >= count || usage[v].defBlock != b || usage[v].lastUse != i) return;
        const ValueHome& dying = result.homes[v];
        if (dying.kind == ValueHomeKind::Register) {
          for (std::size_t r = 0; r < kPool.size(); ++r)
            if (kPool[r] == dying.reg) holder[r] = ir::kNoValue;
        } else if (dying.kind == ValueHomeKind::XmmRegister) {
          for (std::size_t r = 0; r < kXmmPool.size(); ++r)
            if (kXmmPool[r] == dying.xmm) xmmHolder[r] = ir::kNoValue;
        }
      };
      forEachUse(instr, [&](ir::ValueId v) {
        release(v);
        // A folded field address is read here, so its base is too.
        if (v < count && result.homes[v].kind == ValueHomeKind::FoldedField)
          release(result.homes[v].base);
      });
      const ir::ValueId v = instr.result;
      if (v >= count) continue;
      ValueHome& home = result.homes[v];
      if (home.kind != ValueHomeKind::Stack) continue;
      if (usage[v].uses == 0) {
        home.kind = ValueHomeKind::Unused;
        continue;
      }
      if (usage[v].usedElsewhere) continue;
      // Calls strictly inside (def, last use) clobber the xmm registers; the
      // defining call's result and the last use's arguments are outside.
      const bool callInside = callsSoFar[usage[v].lastUse] != callsSoFar[i + 1];
      if (function.valueTypes[v] == ir::TypeTable::kF64 && !callInside) {
        bool placed = false;
        for (std::size_t r = 0; r < kXmmPool.size() && !placed; ++r)
          if (xmmHolder[r] == ir::kNoValue) {
            xmmHolder[r] = v;
            home.kind = ValueHomeKind::XmmRegister;
            home.xmm = kXmmPool[r];
            placed = true;
          }
        if (placed) continue;
      }
      for (std::size_t r = 0; r < kPool.size(); ++r)
        if (holder[r] == ir::kNoValue) {
          holder[r] = v;
          home.kind = ValueHomeKind::Register;
          home.reg = kPool[r];
          used[r] = true;
          break;
        }
    }
  }
  for (std::size_t r = 0; r < kPool.size(); ++r)
    if (used[r]) result.savedRegisters.push_back(kPool[r]);
  return result;
}

}  // namespace tide::codegen
