// The interpreter's calls on IR built by hand: deep recursion within the
// stack budget, stack overflow as SIGSEGV, a C call through libffi, and a
// Toy function handed to C (qsort) as a comparator through a closure.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdint>

#include "tide/core/interpreter.h"
#include "tide/core/ir.h"

using namespace tide;
using ir::Opcode;
using ir::TypeTable;

namespace {

struct FunctionBuilder {
  ir::Function function;
  explicit FunctionBuilder(ir::Module& module, std::string name, std::vector<ir::TypeId> params,
                           ir::TypeId result) {
    function.name = std::move(name);
    function.result = result;
    function.type = module.types.function(params, result);
    function.parameterCount = static_cast<uint32_t>(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      ir::Slot slot;
      slot.name = "p" + std::to_string(i);
      slot.type = params[i];
      slot.kind = ir::SlotKind::Parameter;
      function.slots.push_back(slot);
    }
    block("entry");
  }
  void block(std::string label) { function.addBlock(std::move(label)); }
  ir::ValueId emit(ir::Instr instr, ir::TypeId valueType = ir::kNoType) {
    instr.line = static_cast<uint32_t>(function.blocks.size());
    instr.column = 1;
    if (valueType != ir::kNoType) {
      instr.result = static_cast<ir::ValueId>(function.valueTypes.size());
      function.valueTypes.push_back(valueType);
    }
    return function.append(static_cast<ir::BlockId>(function.blocks.size() - 1), instr).result;
  }
  ir::ValueId op(Opcode code, ir::TypeId type, ir::ValueId a = ir::kNoValue,
                 ir::ValueId b = ir::kNoValue, ir::TypeId valueType = ir::kNoType) {
    ir::Instr instr;
    instr.op = code;
    instr.type = type;
    instr.operand[0] = a;
    instr.operand[1] = b;
    return emit(instr, valueType);
  }
  ir::ValueId constant(ir::TypeId type, int64_t bits) {
    ir::Instr instr;
    instr.op = Opcode::ConstInt;
    instr.type = type;
    instr.immediate = bits;
    return emit(instr, type);
  }
  ir::ValueId parameter(ir::Module& module, uint32_t index) {
    const ir::TypeId type = function.slots[index].type;
    ir::Instr address;
    address.op = Opcode::SlotAddr;
    address.index = index;
    address.type = module.types.pointerTo(type);
    const ir::ValueId pointer = emit(address, address.type);
    return op(Opcode::Load, type, pointer, ir::kNoValue, type);
  }
  ir::ValueId call(uint32_t callee, ir::TypeId signature, ir::TypeId result,
                   std::vector<ir::CallArgument> arguments, Opcode code = Opcode::Call) {
    ir::Instr instr;
    instr.op = code;
    instr.index = callee;
    instr.type = signature;
    function.setCall(instr, arguments);
    return emit(instr, result == TypeTable::kVoid ? ir::kNoType : result);
  }
  void ret(ir::TypeId type, ir::ValueId value) { op(Opcode::Ret, type, value); }
};

// depth(n: i64): i64 { if n == 0 { return 0; } return depth(n - 1) + 1; }
// and main(): i32 { return (depth(N) & 0xff) as i32 }, N = `calls`; with
// `forever`, the base case is never taken.
ir::Module recursionProgram(int64_t calls, bool forever) {
  ir::Module module;
  module.files = {"calls.ir"};
  FunctionBuilder depth(module, "depth", {TypeTable::kI64}, TypeTable::kI64);
  const ir::ValueId n = depth.parameter(module, 0);
  const ir::ValueId zero = depth.constant(TypeTable::kI64, forever ? 6 : 0);
  ir::Instr test;
  test.op = Opcode::Cmp;
  test.predicate = ir::CmpPredicate::Eq;
  test.type = TypeTable::kI64;
  test.operand[0] = n;
  test.operand[1] = zero;
  const ir::ValueId isZero = depth.emit(test, TypeTable::kBool);
  ir::Instr branch;
  branch.op = Opcode::CondBr;
  branch.operand[0] = isZero;
  branch.target[0] = 1;
  branch.target[1] = 2;
  depth.emit(branch);
  depth.block("base");
  depth.ret(TypeTable::kI64, depth.constant(TypeTable::kI64, 0));
  depth.block("recurse");
  const ir::ValueId one = depth.constant(TypeTable::kI64, 1);
  const ir::ValueId less = depth.op(Opcode::Sub, TypeTable::kI64, n, one, TypeTable::kI64);
  const ir::ValueId inner =
      depth.call(0, depth.function.type, TypeTable::kI64, {{less, TypeTable::kI64}});
  depth.ret(TypeTable::kI64, depth.op(Opcode::Add, TypeTable::kI64, inner, one, TypeTable::kI64));
  module.functions.push_back(depth.function);

  FunctionBuilder main(module, "main", {}, TypeTable::kI32);
  const ir::ValueId count = main.constant(TypeTable::kI64, calls);
  const ir::ValueId result =
      main.call(0, depth.function.type, TypeTable::kI64, {{count, TypeTable::kI64}});
  const ir::ValueId low =
      main.op(Opcode::Trunc, TypeTable::kI32, result, ir::kNoValue, TypeTable::kI32);
  main.ret(TypeTable::kI32, main.op(Opcode::And, TypeTable::kI32, low,
                                    main.constant(TypeTable::kI32, 0xff), TypeTable::kI32));
  module.functions.push_back(main.function);
  return module;
}

}  // namespace

TEST_CASE("Recursion 100000 calls deep runs within the default stack budget", "[interp][calls]") {
  CHECK(ir::verifyModule(recursionProgram(100000, false)) == std::vector<std::string>{});
  const core::InterpretResult result = core::interpret(recursionProgram(100000, false), {"r"});
  CHECK(result.faultMessage == "");
  CHECK(result.exitStatus == 100000 % 256);
}

TEST_CASE("Unbounded recursion is a stack overflow: SIGSEGV with a bounded backtrace",
          "[interp][calls][faults]") {
  const core::InterpretResult result = core::interpret(recursionProgram(5, true), {"r"});
  CHECK(result.exitStatus == 139);
  CHECK(result.signal == SIGSEGV);
  CHECK_THAT(result.faultMessage, Catch::Contains("stack overflow"));
  REQUIRE(result.backtrace.size() >= 2);
  CHECK(result.backtrace.size() <= 64);
  CHECK(result.backtrace.front().function == "depth");
  CHECK(result.backtrace.back().function == "main");
}

TEST_CASE("A Toy comparator passed to qsort is called back through a libffi closure",
          "[interp][calls][ffi]") {
  // compare(a: *i32, b: *i32): i32 { return *a - *b; }
  // main(): i32 { var xs: [4]i32 = {9, 3, 7, 1}; qsort(&xs, 4, 4, compare);
  //               return xs[0] * 1000 + xs[1] * 100 + xs[2] * 10 + xs[3] ... & 0xff }
  ir::Module module;
  module.files = {"qsort.ir"};
  const ir::TypeId i32 = TypeTable::kI32;
  const ir::TypeId pointerToI32 = module.types.pointerTo(i32);
  FunctionBuilder compare(module, "compare", {pointerToI32, pointerToI32}, i32);
  const ir::ValueId left =
      compare.op(Opcode::Load, i32, compare.parameter(module, 0), ir::kNoValue, i32);
  const ir::ValueId right =
      compare.op(Opcode::Load, i32, compare.parameter(module, 1), ir::kNoValue, i32);
  compare.ret(i32, compare.op(Opcode::Sub, i32, left, right, i32));
  module.functions.push_back(compare.function);

  const ir::TypeId bytePointer = module.types.pointerTo(TypeTable::kU8);
  const ir::TypeId qsortType = module.types.function(
      {bytePointer, TypeTable::kU64, TypeTable::kU64, compare.function.type}, TypeTable::kVoid);
  module.externs.push_back({"qsort", qsortType, {}});

  FunctionBuilder main(module, "main", {}, i32);
  const ir::TypeId array = module.types.arrayOf(4, i32);
  main.function.slots.push_back({"xs", array, ir::SlotKind::Local, true, {}, {}, {}});
  ir::Instr slot;
  slot.op = Opcode::SlotAddr;
  slot.index = 0;
  slot.type = module.types.pointerTo(array);
  const ir::ValueId xs = main.emit(slot, slot.type);
  const int32_t unsorted[4] = {9, 3, 7, 1};
  std::vector<ir::ValueId> elements;
  for (int i = 0; i < 4; ++i) {
    const ir::ValueId element =
        main.op(Opcode::ElementAddr, array, xs, main.constant(TypeTable::kI64, i), pointerToI32);
    main.op(Opcode::Store, i32, element, main.constant(i32, unsorted[i]));
    elements.push_back(element);
  }
  const ir::ValueId base = main.op(Opcode::Bitcast, bytePointer, xs, ir::kNoValue, bytePointer);
  ir::Instr function;
  function.op = Opcode::FunctionAddr;
  function.index = 0;
  function.type = compare.function.type;
  const ir::ValueId comparator = main.emit(function, function.type);
  main.call(0, qsortType, TypeTable::kVoid,
            {{base, bytePointer},
             {main.constant(TypeTable::kU64, 4), TypeTable::kU64},
             {main.constant(TypeTable::kU64, 4), TypeTable::kU64},
             {comparator, compare.function.type}},
            Opcode::CallExtern);
  // Sorted {1, 3, 7, 9}: return 1 + 3*2 + 7*4 + 9*8 = 107 only in that order.
  ir::ValueId sum = main.constant(i32, 0);
  for (int i = 0; i < 4; ++i) {
    const ir::ValueId value = main.op(Opcode::Load, i32, elements[i], ir::kNoValue, i32);
    const ir::ValueId weighted = main.op(Opcode::Mul, i32, value, main.constant(i32, 1 << i), i32);
    sum = main.op(Opcode::Add, i32, sum, weighted, i32);
  }
  main.ret(i32, sum);
  module.functions.push_back(main.function);
  CHECK(ir::verifyModule(module) == std::vector<std::string>{});
  const core::InterpretResult result = core::interpret(module, {"q"});
  CHECK(result.faultMessage == "");
  CHECK(result.exitStatus == 107);
}
