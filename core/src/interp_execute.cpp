// The execution loop: one switch over the IR opcodes (ir.h's table gives
// each one's meaning). Toy calls push a Frame instead of recursing on the
// host stack, so guest recursion depth is bounded by the budget in
// InterpretOptions, not by the interpreter's own stack. Every trap calls
// raiseFault with the frame still pointing at the trapping instruction, so
// the backtrace names its line.
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "interp_fault.h"
#include "interp_machine.h"
#include "interp_scalar.h"

namespace tide::core::interp {

namespace {

[[noreturn]] void divideFault(ir::Opcode op, uint64_t divisor) {
  const bool remainder = op == ir::Opcode::SRem || op == ir::Opcode::URem;
  if (divisor == 0) raiseFault(SIGFPE, remainder ? "remainder by zero" : "division by zero");
  raiseFault(SIGFPE, remainder ? "integer overflow in remainder (MIN % -1)"
                               : "integer overflow in division (MIN / -1)");
}

}  // namespace

void Machine::run(size_t stopDepth) {
  while (frames_.size() > stopDepth) executeFrame();
}

// Runs the innermost frame until it calls or returns (either changes the
// frame stack). frame.pc is written before each instruction so that a fault
// anywhere — including a signal inside a guest access — sees it.
void Machine::executeFrame() {
  Frame& frame = frames_.back();
  const DecodedInstr* code = decoded_[frame.function].code.data();
  uint64_t* values = frame.values;
  uint32_t pc = frame.pc;
  for (;;) {
    frame.pc = pc;
    const DecodedInstr& d = code[pc];
    const uint64_t a = d.operand[0] != ir::kNoValue ? values[d.operand[0]] : 0;
    const uint64_t b = d.operand[1] != ir::kNoValue ? values[d.operand[1]] : 0;
    uint64_t result = 0;
    switch (d.op) {
      case ir::Opcode::Add: result = canonical(d.shape, a + b); break;
      case ir::Opcode::Sub: result = canonical(d.shape, a - b); break;
      case ir::Opcode::Mul: result = canonical(d.shape, a * b); break;
      case ir::Opcode::SDiv:
      case ir::Opcode::UDiv:
      case ir::Opcode::SRem:
      case ir::Opcode::URem:
      case ir::Opcode::Shl:
      case ir::Opcode::LShr:
      case ir::Opcode::AShr:
      case ir::Opcode::And:
      case ir::Opcode::Or:
      case ir::Opcode::Xor: {
        const ScalarResult computed = integerBinary(d.op, d.shape, a, b);
        if (computed.trap != ScalarTrap::None) divideFault(d.op, b);
        result = computed.value;
        break;
      }
      case ir::Opcode::ConstInt:
      case ir::Opcode::ConstF64:
      case ir::Opcode::GlobalAddr:
      case ir::Opcode::StringAddr: result = d.aux; break;
      case ir::Opcode::ConstNull: result = 0; break;
      case ir::Opcode::FunctionAddr: result = functionAddress(d.instr->index); break;
      case ir::Opcode::ExternAddr: result = externAddress(d.instr->index); break;
      case ir::Opcode::SlotAddr: result = reinterpret_cast<uint64_t>(frame.slots) + d.aux; break;
      case ir::Opcode::Load: result = canonical(d.shape, loadGuest(a, d.size)); break;
      case ir::Opcode::Store: storeGuest(a, d.size, b); break;
      case ir::Opcode::Copy: copyGuest(a, b, d.size); break;
      case ir::Opcode::Zero: zeroGuest(a, d.size); break;
      case ir::Opcode::FieldAddr: result = a + d.aux; break;
      case ir::Opcode::ElementAddr: {
        const bool negative = d.operandShape[1].isSigned && static_cast<int64_t>(b) < 0;
        if (negative || b >= d.aux) {
          const std::string shown = d.operandShape[1].isSigned
                                        ? std::to_string(static_cast<int64_t>(b))
                                        : std::to_string(b);
          raiseFault(SIGILL, "index " + shown + " out of range for " + types_.name(d.instr->type));
        }
        result = a + b * d.size;
        break;
      }
      case ir::Opcode::PtrAdd: result = a + b * d.size; break;
      case ir::Opcode::PtrSub: result = a - b * d.size; break;
      case ir::Opcode::PtrDiff: {
        const auto size = static_cast<int64_t>(d.size);
        result = size == 0 ? 0 : static_cast<uint64_t>(static_cast<int64_t>(a - b) / size);
        break;
      }
      case ir::Opcode::Neg: result = canonical(d.shape, 0 - a); break;
      case ir::Opcode::Not: result = d.aux != 0 ? (a == 0 ? 1 : 0) : canonical(d.shape, ~a); break;
      case ir::Opcode::Cmp: result = compare(d.predicate, a, b) ? 1 : 0; break;
      case ir::Opcode::Trunc:
      case ir::Opcode::Bitcast: result = canonical(d.shape, a); break;
      case ir::Opcode::SExt:
        result = canonical(d.shape, canonical({d.operandShape[0].bits, true}, a));
        break;
      case ir::Opcode::ZExt:
        result = canonical(d.shape, canonical({d.operandShape[0].bits, false}, a));
        break;
      case ir::Opcode::SIToFP:
        result = doubleToBits(static_cast<double>(static_cast<int64_t>(a)));
        break;
      case ir::Opcode::UIToFP: result = doubleToBits(static_cast<double>(a)); break;
      case ir::Opcode::FPToSI:
      case ir::Opcode::FPToUI: {
        const ScalarResult converted = floatToInteger(d.shape, bitsToDouble(a));
        if (converted.trap != ScalarTrap::None) {
          char message[160];
          std::snprintf(message, sizeof message, "f64 value %g out of range for %s",
                        bitsToDouble(a), types_.name(d.instr->type).c_str());
          raiseFault(SIGILL, message);
        }
        result = converted.value;
        break;
      }
      case ir::Opcode::FAdd: result = doubleToBits(bitsToDouble(a) + bitsToDouble(b)); break;
      case ir::Opcode::FSub: result = doubleToBits(bitsToDouble(a) - bitsToDouble(b)); break;
      case ir::Opcode::FMul: result = doubleToBits(bitsToDouble(a) * bitsToDouble(b)); break;
      case ir::Opcode::FDiv: result = doubleToBits(bitsToDouble(a) / bitsToDouble(b)); break;
      case ir::Opcode::FNeg: result = a ^ (uint64_t{1} << 63); break;
      case ir::Opcode::Popcount:
      case ir::Opcode::Clz:
      case ir::Opcode::Ctz: result = bitCount(d.op, d.shape, a); break;
      case ir::Opcode::Br: pc = d.target[0]; continue;
      case ir::Opcode::CondBr: pc = a != 0 ? d.target[0] : d.target[1]; continue;
      case ir::Opcode::Call: executeCall(*d.instr); return;
      case ir::Opcode::CallIndirect: executeIndirectCall(*d.instr); return;
      case ir::Opcode::CallExtern: executeExternCall(*d.instr); return;
      case ir::Opcode::Ret: executeReturn(*d.instr); return;
      case ir::Opcode::Trap: raiseFault(SIGILL, "trap");
      case ir::Opcode::Breakpoint: raiseFault(SIGTRAP, "breakpoint (no debugger attached)");
      case ir::Opcode::Unreachable: raiseFault(SIGILL, "reached unreachable code");
      // An opcode added to ir.h after this loop was written.
      default: raiseFault(SIGILL, "unknown IR instruction");
    }
    if (d.result != ir::kNoValue) values[d.result] = result;
    ++pc;
  }
}

void Machine::executeCall(const ir::Instr& instr) {
  // The caller's values live on the guest stack, which a push does not move.
  const uint64_t* callerValues = frames_.back().values;
  const std::span<const ir::CallArgument> arguments =
      module_.functions[frames_.back().function].arguments(instr);
  Frame& callee = pushFrame(instr.index, false);
  for (size_t i = 0; i < arguments.size(); ++i)
    bindParameter(callee, static_cast<uint32_t>(i), callerValues[arguments[i].value]);
}

void Machine::executeIndirectCall(const ir::Instr& instr) {
  const uint64_t target = frames_.back().values[instr.operand[0]];
  auto found = functionByAddress_.find(target);
  if (found != functionByAddress_.end()) {
    const uint64_t* callerValues = frames_.back().values;
    const std::span<const ir::CallArgument> arguments =
        module_.functions[frames_.back().function].arguments(instr);
    Frame& callee = pushFrame(found->second, false);
    for (size_t i = 0; i < arguments.size(); ++i)
      bindParameter(callee, static_cast<uint32_t>(i), callerValues[arguments[i].value]);
    return;
  }
  if (target < kNullPageLimit) raiseFault(SIGSEGV, "call through a null function pointer");
  // Not a Toy function: a C function's address (an extern's value, or one C
  // handed back). A wild address faults inside the call, caught as SIGSEGV.
  callForeign(instr, reinterpret_cast<void*>(target), instr.type,
              types_.get(instr.type).params.size());
  ++frames_.back().pc;
}

void Machine::executeExternCall(const ir::Instr& instr) {
  const uint64_t* values = frames_.back().values;
  const ir::Function& caller = module_.functions[frames_.back().function];
  switch (externBehaviours_[instr.index]) {
    case ExternBehaviour::Exit: {
      const std::span<const ir::CallArgument> arguments = caller.arguments(instr);
      const uint64_t status = arguments.empty() ? 0 : values[arguments[0].value];
      raiseExit(static_cast<int>(status & 0xff));
    }
    case ExternBehaviour::Abort: raiseFault(SIGABRT, "abort() called");
    case ExternBehaviour::CallC: break;
  }
  const ir::ExternFunction& external = module_.externs[instr.index];
  const size_t fixed = types_.get(external.signature).variadic
                           ? caller.callSite(instr).fixedArgumentCount
                           : types_.get(external.signature).params.size();
  callForeign(instr, reinterpret_cast<void*>(externAddress(instr.index)), external.signature,
              fixed);
  ++frames_.back().pc;
}

void Machine::callForeign(const ir::Instr& instr, void* code, ir::TypeId signature,
                          size_t fixedCount) {
  const ir::Function& caller = module_.functions[frames_.back().function];
  const std::span<const ir::CallArgument> arguments = caller.arguments(instr);
  std::unique_ptr<CallInterface>& interface = callInterfaces_[&instr];
  if (!interface) {
    std::vector<ir::TypeId> argumentTypes;
    for (const ir::CallArgument& argument : arguments) argumentTypes.push_back(argument.type);
    interface = foreign_.prepare(signature, argumentTypes, fixedCount);
  }
  if (!interface->valid) raiseFault(SIGILL, "cannot call C with this signature (libffi)");
  // Copies of the values live on the host stack: a C callee may call back
  // into Toy, which reuses this function for its own C calls.
  const uint64_t* callerValues = frames_.back().values;
  const size_t count = arguments.size();
  std::vector<uint64_t> scalars(count);
  std::vector<void*> pointers(count);
  for (size_t i = 0; i < count; ++i) {
    const uint64_t value = callerValues[arguments[i].value];
    if (types_.isAggregate(arguments[i].type)) {
      pointers[i] = reinterpret_cast<void*>(value);  // the aggregate's bytes
    } else {
      scalars[i] = value;  // little-endian: the low bytes are the narrow value
      pointers[i] = &scalars[i];
    }
  }
  const ir::TypeId resultType = interface->result;
  const uint64_t resultSize = types_.get(resultType).size;
  std::vector<uint64_t> result(std::max<uint64_t>(resultSize / 8 + 2, 4), 0);
  ffi_call(&interface->cif, reinterpret_cast<void (*)()>(code), result.data(), pointers.data());
  if (types_.get(resultType).kind == ir::TypeKind::Void) return;
  uint64_t* callerFrameValues = frames_.back().values;
  if (types_.isAggregate(resultType)) {
    const ir::ValueId resultAddress = caller.callSite(instr).aggregateResultAddress;
    if (resultAddress != ir::kNoValue)
      copyGuest(callerFrameValues[resultAddress], reinterpret_cast<uint64_t>(result.data()),
                resultSize);
  } else if (instr.result != ir::kNoValue) {
    callerFrameValues[instr.result] = canonical(intShapeOf(types_, resultType), result[0]);
  }
}

void Machine::executeReturn(const ir::Instr& instr) {
  const Frame done = frames_.back();
  const uint64_t value = instr.operand[0] != ir::kNoValue ? done.values[instr.operand[0]] : 0;
  frames_.pop_back();
  accountedBytes_ -= layouts_[done.function].accountedBytes;
  if (done.returnsToHost) {
    // An aggregate result stays readable at `value` until the next push.
    hostReturnValue_ = value;
    stack_.release(done.stackMark);
    return;
  }
  Frame& caller = frames_.back();
  const ir::Instr& call = *decoded_[caller.function].code[caller.pc].instr;
  const ir::TypeId resultType = module_.functions[done.function].result;
  if (types_.isAggregate(resultType)) {
    const ir::ValueId resultAddress =
        module_.functions[caller.function].callSite(call).aggregateResultAddress;
    if (resultAddress != ir::kNoValue)
      copyGuest(caller.values[resultAddress], value, types_.get(resultType).size);
  } else if (call.result != ir::kNoValue) {
    caller.values[call.result] = value;
  }
  stack_.release(done.stackMark);
  ++caller.pc;
}

}  // namespace tide::core::interp
