// The IR verifier: structural rules (one terminator per block, at the end;
// valid targets and indexes; each value defined once before use in block
// order) and type rules per opcode. It is run after lowering in tests and in
// debug builds; messages name the function, block and instruction.
#include <string>

#include "tide/core/ir.h"

namespace tide::ir {

namespace {

class Verifier {
 public:
  Verifier(const Module& module, std::vector<std::string>& problems)
      : module_(module), types_(module.types), problems_(problems) {}

  void verifyFunction(const Function& function);

 private:
  const Module& module_;
  const TypeTable& types_;
  std::vector<std::string>& problems_;
  const Function* function_ = nullptr;
  size_t blockIndex_ = 0, instrIndex_ = 0;
  std::vector<bool> defined_;

  void problem(const std::string& message) {
    problems_.push_back("fn @" + function_->name + " bb" + std::to_string(blockIndex_) + "[" +
                        std::to_string(instrIndex_) + "]: " + message);
  }
  bool isPointer(TypeId type) const {
    return type < types_.count() && types_.get(type).kind == TypeKind::Pointer;
  }
  TypeId typeOf(ValueId value) {
    if (value == kNoValue || value >= function_->valueTypes.size()) {
      problem("operand " + std::to_string(value) + " is not a value of this function");
      return kNoType;
    }
    if (!defined_[value]) problem("v" + std::to_string(value) + " is used before its definition");
    return function_->valueTypes[value];
  }
  void expectType(ValueId value, TypeId type, const char* what) {
    TypeId actual = typeOf(value);
    if (actual != kNoType && actual != type)
      problem(std::string(what) + " has type " + types_.name(actual) + ", expected " +
              types_.name(type));
  }
  void expectPointer(ValueId value, const char* what) {
    TypeId actual = typeOf(value);
    if (actual != kNoType && !isPointer(actual))
      problem(std::string(what) + " must be a pointer, found " + types_.name(actual));
  }
  void expectInteger(ValueId value, const char* what) {
    TypeId actual = typeOf(value);
    if (actual != kNoType && !types_.isInteger(actual))
      problem(std::string(what) + " must be an integer, found " + types_.name(actual));
  }
  void verifyInstr(const Instr& instr);
  void verifyCall(const Instr& instr);
};

void Verifier::verifyCall(const Instr& instr) {
  if (instr.type >= types_.count() || types_.get(instr.type).kind != TypeKind::Function) {
    problem("call type is not a function type");
    return;
  }
  const Type& signature = types_.get(instr.type);
  if (instr.op == Opcode::Call && instr.index >= module_.functions.size())
    problem("bad function index");
  if (instr.op == Opcode::CallExtern && instr.index >= module_.externs.size())
    problem("bad extern index");
  if (instr.op == Opcode::CallIndirect) expectType(instr.operand[0], instr.type, "callee");
  if (instr.call >= function_->calls.size()) {
    problem("call without a call site");
    return;
  }
  const CallSite& site = function_->callSite(instr);
  if (size_t{site.firstArgument} + site.argumentCount > function_->callArguments.size()) {
    problem("call arguments out of range");
    return;
  }
  const std::span<const CallArgument> arguments = function_->arguments(instr);
  size_t fixed = signature.params.size();
  if (arguments.size() < fixed || (!signature.variadic && arguments.size() != fixed))
    problem("call has " + std::to_string(arguments.size()) + " arguments, signature has " +
            std::to_string(fixed));
  for (size_t i = 0; i < arguments.size(); ++i) {
    const CallArgument& argument = arguments[i];
    if (i < fixed && argument.type != signature.params[i])
      problem("argument type differs from signature");
    if (types_.isAggregate(argument.type))
      expectPointer(argument.value, "aggregate argument");
    else
      expectType(argument.value, argument.type, "argument");
    if (i >= fixed && types_.isInteger(argument.type) && types_.get(argument.type).size < 4)
      problem("variadic argument is not promoted");
  }
  bool aggregateResult = types_.isAggregate(signature.result);
  if (aggregateResult) expectPointer(site.aggregateResultAddress, "aggregate result address");
  if (aggregateResult != (site.aggregateResultAddress != kNoValue))
    problem("aggregate result address mismatch");
  bool scalarResult = !aggregateResult && signature.result != TypeTable::kVoid;
  if (scalarResult != (instr.result != kNoValue)) problem("call result presence mismatch");
  if (scalarResult && instr.result != kNoValue &&
      function_->valueTypes[instr.result] != signature.result)
    problem("call result type mismatch");
}

void Verifier::verifyInstr(const Instr& instr) {
  const Function& function = *function_;
  switch (instr.op) {
    case Opcode::ConstInt:
      if (!types_.isInteger(instr.type) && instr.type != TypeTable::kBool)
        problem("const of non-integer type");
      break;
    case Opcode::SlotAddr:
      if (instr.index >= function.slots.size())
        problem("bad slot index");
      else if (instr.type != module_.types.get(instr.type).element + 0 && false) {
      }
      break;
    case Opcode::GlobalAddr:
      if (instr.index >= module_.globals.size()) problem("bad global index");
      break;
    case Opcode::FunctionAddr:
      if (instr.index >= module_.functions.size()) problem("bad function index");
      break;
    case Opcode::ExternAddr:
      if (instr.index >= module_.externs.size()) problem("bad extern index");
      break;
    case Opcode::StringAddr:
      if (instr.index >= module_.strings.size()) problem("bad string index");
      break;
    case Opcode::Load:
      expectPointer(instr.operand[0], "load address");
      if (!types_.isScalar(instr.type))
        problem("load of non-scalar type " + types_.name(instr.type));
      break;
    case Opcode::Store:
      expectPointer(instr.operand[0], "store address");
      expectType(instr.operand[1], instr.type, "stored value");
      if (!types_.isScalar(instr.type)) problem("store of non-scalar type");
      break;
    case Opcode::Copy:
      expectPointer(instr.operand[0], "copy destination");
      expectPointer(instr.operand[1], "copy source");
      break;
    case Opcode::Zero: expectPointer(instr.operand[0], "zero destination"); break;
    case Opcode::FieldAddr: expectPointer(instr.operand[0], "field base"); break;
    case Opcode::ElementAddr:
      expectPointer(instr.operand[0], "element base");
      expectInteger(instr.operand[1], "index");
      if (instr.type >= types_.count() || types_.get(instr.type).kind != TypeKind::Array)
        problem("elem type must be an array type");
      break;
    case Opcode::PtrAdd:
    case Opcode::PtrSub:
      expectType(instr.operand[0], instr.type, "pointer operand");
      expectInteger(instr.operand[1], "offset");
      break;
    case Opcode::PtrDiff:
      expectType(instr.operand[0], instr.type, "left pointer");
      expectType(instr.operand[1], instr.type, "right pointer");
      break;
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::Mul:
    case Opcode::SDiv:
    case Opcode::UDiv:
    case Opcode::SRem:
    case Opcode::URem:
      if (!types_.isInteger(instr.type)) problem("integer op on " + types_.name(instr.type));
      expectType(instr.operand[0], instr.type, "left operand");
      expectType(instr.operand[1], instr.type, "right operand");
      break;
    case Opcode::And:
    case Opcode::Or:
    case Opcode::Xor:
      expectType(instr.operand[0], instr.type, "left operand");
      expectType(instr.operand[1], instr.type, "right operand");
      break;
    case Opcode::Shl:
    case Opcode::LShr:
    case Opcode::AShr:
      expectType(instr.operand[0], instr.type, "shifted value");
      expectInteger(instr.operand[1], "shift count");
      break;
    case Opcode::Neg:
    case Opcode::Not:
    case Opcode::Popcount:
    case Opcode::Clz:
    case Opcode::Ctz: expectType(instr.operand[0], instr.type, "operand"); break;
    case Opcode::FAdd:
    case Opcode::FSub:
    case Opcode::FMul:
    case Opcode::FDiv:
      expectType(instr.operand[0], TypeTable::kF64, "left operand");
      expectType(instr.operand[1], TypeTable::kF64, "right operand");
      break;
    case Opcode::FNeg: expectType(instr.operand[0], TypeTable::kF64, "operand"); break;
    case Opcode::Cmp:
      expectType(instr.operand[0], instr.type, "left operand");
      expectType(instr.operand[1], instr.type, "right operand");
      if (instr.result != kNoValue && function.valueTypes[instr.result] != TypeTable::kBool)
        problem("cmp result must be bool");
      break;
    case Opcode::Trunc:
    case Opcode::SExt:
    case Opcode::ZExt: {
      TypeId source = typeOf(instr.operand[0]);
      if (source != kNoType && !types_.isInteger(source) && source != TypeTable::kBool)
        problem("integer conversion of " + types_.name(source));
      if (source != kNoType && instr.op == Opcode::Trunc &&
          types_.get(source).size <= types_.get(instr.type).size)
        problem("trunc must narrow");
      break;
    }
    case Opcode::SIToFP:
    case Opcode::UIToFP: expectInteger(instr.operand[0], "operand"); break;
    case Opcode::FPToSI:
    case Opcode::FPToUI: expectType(instr.operand[0], TypeTable::kF64, "operand"); break;
    case Opcode::Bitcast: {
      TypeId source = typeOf(instr.operand[0]);
      if (source != kNoType && types_.get(source).size != types_.get(instr.type).size)
        problem("bitcast between sizes");
      break;
    }
    case Opcode::Call:
    case Opcode::CallIndirect:
    case Opcode::CallExtern: verifyCall(instr); break;
    case Opcode::Br:
      if (instr.target[0] >= function.blocks.size()) problem("bad branch target");
      break;
    case Opcode::CondBr:
      expectType(instr.operand[0], TypeTable::kBool, "condition");
      if (instr.target[0] >= function.blocks.size() || instr.target[1] >= function.blocks.size())
        problem("bad branch target");
      break;
    case Opcode::Ret:
      if (function.result == TypeTable::kVoid) {
        if (instr.operand[0] != kNoValue) problem("ret with a value in a void function");
      } else if (types_.isAggregate(function.result)) {
        expectPointer(instr.operand[0], "aggregate result address");
      } else {
        expectType(instr.operand[0], function.result, "returned value");
      }
      break;
    default: break;
  }
}

void Verifier::verifyFunction(const Function& function) {
  if (function.bodyReleased) return;  // code was generated from it already
  function_ = &function;
  defined_.assign(function.valueTypes.size(), false);
  if (function.blocks.empty()) {
    problems_.push_back("fn @" + function.name + ": no blocks");
    return;
  }
  if (!function.layout.empty()) {
    std::vector<bool> seen(function.blocks.size(), false);
    bool permutation = function.layout.size() == function.blocks.size() && function.layout[0] == 0;
    for (BlockId block : function.layout) {
      if (block >= seen.size() || seen[block]) {
        permutation = false;
        break;
      }
      seen[block] = true;
    }
    if (!permutation)
      problems_.push_back("fn @" + function.name +
                          ": the block layout is not the blocks in some order, entry first");
  }
  if (function.parameterCount > function.slots.size())
    problems_.push_back("fn @" + function.name + ": more parameters than slots");
  // Values are checked in block order: lowering emits definitions before uses
  // in that order (the IR has no phis).
  for (blockIndex_ = 0; blockIndex_ < function.blocks.size(); ++blockIndex_) {
    const Block& block = function.blocks[blockIndex_];
    if (size_t{block.firstInstr} + block.instrCount > function.instrs.size()) {
      instrIndex_ = 0;
      problem("block's instructions out of range");
      continue;
    }
    const std::span<const Instr> instrs = function.instructions(block);
    if (instrs.empty() || !isTerminator(instrs.back().op)) {
      instrIndex_ = instrs.size();
      problem("block does not end with a terminator");
    }
    for (instrIndex_ = 0; instrIndex_ < instrs.size(); ++instrIndex_) {
      const Instr& instr = instrs[instrIndex_];
      if (isTerminator(instr.op) && instrIndex_ + 1 != instrs.size())
        problem("terminator in the middle of a block");
      verifyInstr(instr);
      // (IR built by hand may name no files at all.)
      if (!module_.files.empty() && instr.file >= module_.files.size())
        problem("location's file out of range");
      if (instr.result != kNoValue) {
        if (instr.result >= defined_.size()) {
          problem("result value out of range");
        } else {
          if (defined_[instr.result])
            problem("v" + std::to_string(instr.result) + " defined twice");
          defined_[instr.result] = true;
        }
      }
    }
  }
}

}  // namespace

std::vector<std::string> verifyModule(const Module& module) {
  std::vector<std::string> problems;
  Verifier verifier(module, problems);
  for (const Function& function : module.functions) verifier.verifyFunction(function);
  for (const Global& global : module.globals) {
    if (global.initializer.size() != global.size)
      problems.push_back("global @" + global.name + ": initializer size differs from its type");
    for (const Relocation& relocation : global.relocations)
      if (relocation.offset + 8 > global.size)
        problems.push_back("global @" + global.name + ": relocation outside the global");
  }
  return problems;
}

}  // namespace tide::ir
