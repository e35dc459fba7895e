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
// kPool's index of each register (a Register home is always one of them);
// the pool holds xmm8-xmm15 in order, so an xmm's index is its number - 8.
constexpr std::array<std::uint8_t, 16> kPoolIndex = [] {
  std::array<std::uint8_t, 16> index{};
  for (std::size_t r = 0; r < kPool.size(); ++r)
    index[static_cast<std::size_t>(kPool[r])] = static_cast<std::uint8_t>(r);
  return index;
}();
static_assert(static_cast<int>(kXmmPool[7]) - static_cast<int>(kXmmPool[0]) == 7);
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

template <typename F>
void forEachUse(const ir::Function& function, const ir::Instr& instr, F&& use) {
  for (ir::ValueId v : instr.operand)
    if (v != ir::kNoValue) use(v);
  if (!ir::isCall(instr.op) || instr.call == ir::kNoCall) return;
  for (const ir::CallArgument& argument : function.arguments(instr))
    if (argument.value != ir::kNoValue) use(argument.value);
  const ir::ValueId resultAddress = function.callSite(instr).aggregateResultAddress;
  if (resultAddress != ir::kNoValue) use(resultAddress);
}

bool fitsDisplacement(std::int64_t value) { return value > -(1LL << 30) && value < (1LL << 30); }

// Whether `load`'s result (used once) can be the memory operand of `next`:
// an f64 that is the right operand (never also the left) of f64 arithmetic
// (`mulsd -0x50(%rbp), %xmm8` instead of a movsd into a register first).
// Integer arithmetic, compares and scaled indexes were folded the same way
// at first and measured slower on an Intel Xeon (Ice Lake) here: strlen_scan
// 0.99 -> 1.20 s, its loops' counters being stored and reloaded each
// iteration, which the core forwards faster to a plain load than to an ALU
// instruction's memory operand. f64 only: nbody 1.22 -> 1.06 s (alternating
// runs; no other benchmark program's code changed but struct_pass's).
bool foldsAsRightOperand(const ir::Function& function, const ir::Instr& load,
                         const ir::Instr& next) {
  const ir::ValueId v = load.result;
  if (next.operand[1] != v || next.operand[0] == v) return false;
  switch (next.op) {
    case ir::Opcode::FAdd:
    case ir::Opcode::FSub:
    case ir::Opcode::FMul:
    case ir::Opcode::FDiv: return function.valueTypes[v] == ir::TypeTable::kF64;
    default: return false;
  }
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

void assignValueHomes(const ir::Function& function, const ir::TypeTable& types,
                      ValueHomes& result) {
  const std::size_t count = function.valueTypes.size();
  result.homes.assign(count, ValueHome{});
  result.savedRegisters.clear();
  // Reused across functions: a fresh vector per function showed in malloc.
  thread_local std::vector<Usage> usageStore;
  usageStore.assign(count, Usage{});
  // Raw pointers: through the vectors, every size() and operator[] was
  // reloaded after each store (the stores may alias the vectors' fields).
  Usage* const usage = usageStore.data();
  ValueHome* const homes = result.homes.data();
  const std::uint32_t blockCount = static_cast<std::uint32_t>(function.blocks.size());
  // This walk is the first to read the function's instructions, which in
  // compileToObject the front end wrote long before (40 MB of them for the
  // 100k-line benchmark): left to the hardware prefetcher it waited on
  // them (a sixth of its time). Prefetching ~2 KB ahead measured best
  // (512 B to 8 KB all helped); the index is clamped to stay inside the
  // function's instructions.
  const ir::Instr* const allInstrs = function.instrs.data();
  const std::size_t lastInstr = function.instrs.empty() ? 0 : function.instrs.size() - 1;
  constexpr std::size_t kPrefetchAhead = 2048 / sizeof(ir::Instr);

  // Uses, and definitions: where, and the homes that need no code. One walk
  // does both: an instruction reads values defined before it (in its block
  // or another), so a use seen before its definition is in another block,
  // which is what defBlock != b already says.
  for (std::uint32_t b = 0; b < blockCount; ++b) {
    const ir::Block& block = function.blocks[b];
    const ir::Instr* const instrs = function.instrs.data() + block.firstInstr;
    const std::uint32_t instrCount = block.instrCount;
    for (std::uint32_t i = 0; i < instrCount; ++i) {
      const ir::Instr& instr = instrs[i];
      __builtin_prefetch(allInstrs + std::min(block.firstInstr + i + kPrefetchAhead, lastInstr));
      forEachUse(function, instr, [&](ir::ValueId v) {
        if (v >= count) return;
        Usage& u = usage[v];
        ++u.uses;
        if (u.defBlock != b)
          u.usedElsewhere = true;
        else
          u.lastUse = i;
      });
      const ir::ValueId v = instr.result;
      if (v >= count) continue;
      usage[v].defBlock = b;
      ValueHome& home = homes[v];
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
          if (base < count && homes[base].kind == ValueHomeKind::FrameAddress &&
              fitsDisplacement(homes[base].constant + instr.immediate)) {
            home.kind = ValueHomeKind::FrameAddress;
            home.slot = homes[base].slot;
            home.constant = homes[base].constant + instr.immediate;
          }
          break;
        }
        case ir::Opcode::ElementAddr: {
          // A constant index into a local array: checked here, not at run time.
          const ir::ValueId base = instr.operand[0], index = instr.operand[1];
          if (base >= count || index >= count || instr.type >= types.count()) break;
          const ValueHome& baseHome = homes[base];
          const ValueHome& indexHome = homes[index];
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

  // Block-local values: linear allocation over the block's instructions. An
  // operand's register is free again once the instruction that reads it last
  // has read it, so that instruction's result may take it (every selector
  // sequence reads all operands before it writes its result).
  //
  // Each block is first scanned once for the pairs below and the calls, then
  // allocated while its instructions are still in cache. The pairs only
  // change values of their own block, so doing them block by block is the
  // same as doing them for the whole function first.
  bool used[kPool.size()] = {};
  thread_local std::vector<std::uint32_t> callsSoFar;  // per instruction: calls before it
  for (std::uint32_t b = 0; b < blockCount; ++b) {
    const ir::Block& block = function.blocks[b];
    const ir::Instr* const instrs = function.instrs.data() + block.firstInstr;
    const std::uint32_t instrCount = block.instrCount;
    callsSoFar.resize(instrCount + 1);
    std::uint32_t* const calls = callsSoFar.data();
    calls[0] = 0;
    for (std::uint32_t i = 0; i < instrCount; ++i) {
      const ir::Instr& instr = instrs[i];
      calls[i + 1] = calls[i] + (ir::isCall(instr.op) ? 1 : 0);
      if (i + 1 == instrCount) break;
      const ir::Instr& next = instrs[i + 1];
      const ir::ValueId v = instr.result;
      if (v >= count || usage[v].uses != 1) continue;
      if (instr.op == ir::Opcode::FieldAddr) {
        // A field address used once, as the address of the load or store
        // right after it, becomes that instruction's displacement. Its base
        // must then live until that instruction.
        if (homes[v].kind != ValueHomeKind::Stack || !fitsDisplacement(instr.immediate)) continue;
        const ir::ValueId base = instr.operand[0];
        if (base >= count) continue;
        const bool addressOfNext =
            (next.op == ir::Opcode::Load && next.operand[0] == v) ||
            (next.op == ir::Opcode::Store && next.operand[0] == v && next.operand[1] != v);
        if (!addressOfNext) continue;
        ValueHome& home = homes[v];
        home.kind = ValueHomeKind::FoldedField;
        home.base = base;
        home.constant = instr.immediate;
        if (usage[base].defBlock == b) usage[base].lastUse = std::max(usage[base].lastUse, i + 1);
      } else if (instr.op == ir::Opcode::Load) {
        if (homes[v].kind != ValueHomeKind::Stack || !foldsAsRightOperand(function, instr, next))
          continue;
        const ir::ValueId address = instr.operand[0];
        if (address >= count) continue;
        ValueHome& home = homes[v];
        home.kind = ValueHomeKind::FoldedLoad;
        home.base = address;
        // The address (and a folded field's base) is read by the next
        // instruction now, so it lives until then.
        auto liveUntilNext = [&](ir::ValueId used) {
          if (used < count && usage[used].defBlock == b)
            usage[used].lastUse = std::max(usage[used].lastUse, i + 1);
        };
        liveUntilNext(address);
        if (homes[address].kind == ValueHomeKind::FoldedField) liveUntilNext(homes[address].base);
      } else if (instr.op == ir::Opcode::Cmp) {
        // Compares feeding the branch right after them stay in the flags.
        // FEq and FNe need two flag tests (parity for NaN), so they keep
        // their setcc.
        if (instr.predicate == ir::CmpPredicate::FEq || instr.predicate == ir::CmpPredicate::FNe)
          continue;
        if (next.op == ir::Opcode::CondBr && next.operand[0] == v)
          homes[v].kind = ValueHomeKind::Flags;
      }
    }
    std::array<ir::ValueId, kPool.size()> holder;
    holder.fill(ir::kNoValue);
    std::array<ir::ValueId, kXmmPool.size()> xmmHolder;
    xmmHolder.fill(ir::kNoValue);
    for (std::uint32_t i = 0; i < instrCount; ++i) {
      const ir::Instr& instr = instrs[i];
      auto release = [&](ir::ValueId v) {
        if (v >= count || usage[v].defBlock != b || usage[v].lastUse != i) return;
        const ValueHome& dying = homes[v];
        if (dying.kind == ValueHomeKind::Register) {
          holder[kPoolIndex[static_cast<std::size_t>(dying.reg)]] = ir::kNoValue;
        } else if (dying.kind == ValueHomeKind::XmmRegister) {
          xmmHolder[static_cast<std::size_t>(dying.xmm) - static_cast<std::size_t>(kXmmPool[0])] =
              ir::kNoValue;
        }
      };
      forEachUse(function, instr, [&](ir::ValueId v) {
        release(v);
        if (v >= count) return;
        // A folded field address is read here, so its base is too; a folded
        // load's address, and that address's base.
        if (homes[v].kind == ValueHomeKind::FoldedLoad) {
          const ir::ValueId address = homes[v].base;
          release(address);
          if (homes[address].kind == ValueHomeKind::FoldedField) release(homes[address].base);
        } else if (homes[v].kind == ValueHomeKind::FoldedField) {
          release(homes[v].base);
        }
      });
      const ir::ValueId v = instr.result;
      if (v >= count) continue;
      ValueHome& home = homes[v];
      if (home.kind != ValueHomeKind::Stack) continue;
      if (usage[v].uses == 0) {
        home.kind = ValueHomeKind::Unused;
        continue;
      }
      if (usage[v].usedElsewhere) continue;
      // Calls strictly inside (def, last use) clobber the xmm registers; the
      // defining call's result and the last use's arguments are outside.
      const bool callInside = calls[usage[v].lastUse] != calls[i + 1];
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
}

}  // namespace tide::codegen
