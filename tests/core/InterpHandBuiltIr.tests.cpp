// The interpreter on IR built by hand, independent of the front end: the
// arithmetic of spec §7 at every width (wrapping, trapping division, shift
// counts), conversions, and the fault statuses. Each program computes one
// operation in main and returns 42 when the result equals the expectation.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdint>

#include "tide/core/interpreter.h"
#include "tide/core/ir.h"

using namespace tide;
using ir::Opcode;
using ir::TypeTable;

namespace {

// main(): i32 under construction, one block at a time.
struct MainBuilder {
  ir::Module module;
  ir::Function main;

  MainBuilder() {
    module.files = {"hand.ir"};
    main.name = "main";
    main.exported = true;
    main.result = TypeTable::kI32;
    main.type = module.types.function({}, TypeTable::kI32);
    main.addBlock("entry");
  }

  ir::ValueId emit(ir::Instr instr, ir::TypeId valueType) {
    instr.line = main.blocks.back().instrCount + 1;
    instr.column = 1;
    if (valueType != ir::kNoType) {
      instr.result = static_cast<ir::ValueId>(main.valueTypes.size());
      main.valueTypes.push_back(valueType);
    }
    main.append(static_cast<ir::BlockId>(main.blocks.size() - 1), instr);
    return instr.result;
  }
  ir::ValueId constant(ir::TypeId type, int64_t bits) {
    ir::Instr instr;
    instr.op = Opcode::ConstInt;
    instr.type = type;
    instr.immediate = bits;
    return emit(instr, type);
  }
  ir::ValueId floatConstant(double value) {
    ir::Instr instr;
    instr.op = Opcode::ConstF64;
    instr.type = TypeTable::kF64;
    instr.floatImmediate = value;
    return emit(instr, TypeTable::kF64);
  }
  ir::ValueId binary(Opcode op, ir::TypeId type, ir::ValueId a, ir::ValueId b,
                     ir::TypeId resultType = ir::kNoType) {
    ir::Instr instr;
    instr.op = op;
    instr.type = type;
    instr.operand[0] = a;
    instr.operand[1] = b;
    return emit(instr, resultType == ir::kNoType ? type : resultType);
  }
  // Returns 42 when `value` equals `expected` (both of `type`), else 1.
  void returnWhetherEqual(ir::TypeId type, ir::ValueId value, ir::ValueId expected) {
    ir::Instr compare;
    compare.op = Opcode::Cmp;
    compare.predicate = ir::CmpPredicate::Eq;
    compare.type = type;
    compare.operand[0] = value;
    compare.operand[1] = expected;
    const ir::ValueId equal = emit(compare, TypeTable::kBool);
    ir::Instr branch;
    branch.op = Opcode::CondBr;
    branch.operand[0] = equal;
    branch.target[0] = 1;
    branch.target[1] = 2;
    emit(branch, ir::kNoType);
    for (int32_t status : {42, 1}) {
      main.addBlock("exit");
      ir::Instr ret;
      ret.op = Opcode::Ret;
      ret.type = TypeTable::kI32;
      ret.operand[0] = constant(TypeTable::kI32, status);
      emit(ret, ir::kNoType);
    }
  }
  core::InterpretResult run() {
    module.functions.push_back(main);
    return core::interpret(module, {"hand"});
  }
};

struct BinaryCase {
  Opcode op;
  ir::TypeId type;
  int64_t a, b;
  int64_t expected;  // canonical bits of the result; ignored when it traps
  int status;        // 42: result matches; 136: SIGFPE
};

// Canonical bits: signed types sign-extended, unsigned zero-extended.
constexpr ir::TypeId I8 = TypeTable::kI8, I16 = TypeTable::kI16, I32 = TypeTable::kI32,
                     I64 = TypeTable::kI64, U8 = TypeTable::kU8, U16 = TypeTable::kU16,
                     U32 = TypeTable::kU32, U64 = TypeTable::kU64;

}  // namespace

TEST_CASE("Integer operators wrap, trap and shift exactly as spec section 7 says",
          "[interp][arithmetic]") {
  const BinaryCase row = GENERATE(values<BinaryCase>({
      {Opcode::Add, I8, 127, 1, -128, 42},
      {Opcode::Add, U8, 255, 1, 0, 42},
      {Opcode::Sub, I16, -32768, 1, 32767, 42},
      {Opcode::Mul, I32, 65536, 65536, 0, 42},
      {Opcode::Mul, I64, INT64_MIN, -1, INT64_MIN, 42},
      {Opcode::Mul, U32, 0xFFFFFFFF, 0xFFFFFFFF, 1, 42},
      {Opcode::SDiv, I8, -128, -1, 0, 136},
      {Opcode::SDiv, I16, -32768, -1, 0, 136},
      {Opcode::SDiv, I32, INT32_MIN, -1, 0, 136},
      {Opcode::SDiv, I64, INT64_MIN, -1, 0, 136},
      {Opcode::SRem, I8, -128, -1, 0, 136},
      {Opcode::SRem, I64, INT64_MIN, -1, 0, 136},
      {Opcode::SDiv, I32, 7, 0, 0, 136},
      {Opcode::URem, U64, 7, 0, 0, 136},
      {Opcode::UDiv, U8, 7, 0, 0, 136},
      {Opcode::SDiv, I32, -7, 2, -3, 42},
      {Opcode::SRem, I32, -7, 2, -1, 42},
      {Opcode::SRem, I8, -127, -1, 0, 42},
      {Opcode::UDiv, U64, -1, 2, INT64_MAX, 42},
      {Opcode::URem, U8, 255, 10, 5, 42},
      {Opcode::Shl, I64, 1, 65, 2, 42},
      {Opcode::Shl, I8, 1, 7, -128, 42},
      {Opcode::Shl, U8, 1, 9, 2, 42},
      {Opcode::Shl, I32, 1, -1, INT32_MIN, 42},
      {Opcode::AShr, I8, -128, 7, -1, 42},
      {Opcode::AShr, I64, -16, 66, -4, 42},
      {Opcode::LShr, U8, 0x80, 7, 1, 42},
      {Opcode::LShr, U16, 0x8000, 17, 0x4000, 42},
      {Opcode::LShr, U64, -1, 63, 1, 42},
      {Opcode::Xor, I16, -1, 0x7FFF, -32768, 42},
      {Opcode::And, U32, 0xF0F0F0F0, 0xFF00FF00, 0xF000F000, 42},
  }));
  CAPTURE(ir::opcodeName(row.op), TypeTable().name(row.type), row.a, row.b);
  MainBuilder program;
  const ir::ValueId a = program.constant(row.type, row.a);
  const ir::ValueId b = program.constant(row.type, row.b);
  const ir::ValueId result = program.binary(row.op, row.type, a, b);
  program.returnWhetherEqual(row.type, result, program.constant(row.type, row.expected));
  const core::InterpretResult outcome = program.run();
  CHECK(outcome.exitStatus == row.status);
  if (row.status == 136) {
    CHECK(outcome.signal == SIGFPE);
    REQUIRE(outcome.backtrace.size() == 1);
    CHECK(outcome.backtrace[0].function == "main");
    CHECK(outcome.backtrace[0].line == 3);  // the division is the third instruction
  }
}

TEST_CASE("A shift count of a narrower type is reduced modulo the left operand's width",
          "[interp][arithmetic]") {
  MainBuilder program;
  const ir::ValueId value = program.constant(I64, 3);
  const ir::ValueId count = program.constant(I8, -63);  // -63 mod 64 = 1
  const ir::ValueId shifted = program.binary(Opcode::Shl, I64, value, count);
  program.returnWhetherEqual(I64, shifted, program.constant(I64, 6));
  CHECK(program.run().exitStatus == 42);
}

struct ConversionCase {
  double value;
  ir::TypeId type;
  int64_t expected;
  int status;  // 42 or 132 (SIGILL)
};

TEST_CASE("f64 to integer conversions truncate toward zero and trap when out of range",
          "[interp][conversion]") {
  const ConversionCase row = GENERATE(values<ConversionCase>({
      {-0.5, U8, 0, 42},
      {255.9, U8, 255, 42},
      {256.0, U8, 0, 132},
      {-1.0, U8, 0, 132},
      {-128.9, I8, -128, 42},
      {-129.0, I8, 0, 132},
      {2147483647.5, I32, INT32_MAX, 42},
      {2147483648.0, I32, 0, 132},
      {9223372036854775807.0, I64, 0, 132},  // rounds to 2^63
      {-9223372036854775808.0, I64, INT64_MIN, 42},
      {18446744073709549568.0, U64, -2048, 42},
      {18446744073709551616.0, U64, 0, 132},
      {__builtin_nan(""), I32, 0, 132},
      {__builtin_inf(), I64, 0, 132},
  }));
  CAPTURE(row.value, TypeTable().name(row.type));
  MainBuilder program;
  const ir::ValueId value = program.floatConstant(row.value);
  ir::Instr convert;
  convert.op = TypeTable().isSigned(row.type) ? Opcode::FPToSI : Opcode::FPToUI;
  convert.type = row.type;
  convert.operand[0] = value;
  const ir::ValueId converted = program.emit(convert, row.type);
  program.returnWhetherEqual(row.type, converted, program.constant(row.type, row.expected));
  const core::InterpretResult outcome = program.run();
  CHECK(outcome.exitStatus == row.status);
  if (row.status == 132) CHECK(outcome.signal == SIGILL);
}

TEST_CASE("Sign and zero extension follow the source type, truncation the result type",
          "[interp][conversion]") {
  struct Row {
    Opcode op;
    ir::TypeId from, to;
    int64_t value, expected;
  };
  const Row row = GENERATE(values<Row>({
      {Opcode::SExt, I8, I64, -1, -1},
      {Opcode::ZExt, U8, I64, 255, 255},
      {Opcode::ZExt, I8, U32, -1, 255},  // zero-extends the 8 bits, whatever their type
      {Opcode::Trunc, I64, I8, 300, 44},
      {Opcode::Trunc, I64, U16, -1, 0xFFFF},
      {Opcode::Bitcast, I32, U32, -1, 0xFFFFFFFF},
      {Opcode::Bitcast, U64, I64, -1, -1},
  }));
  MainBuilder program;
  const ir::ValueId value = program.constant(row.from, row.value);
  ir::Instr convert;
  convert.op = row.op;
  convert.type = row.to;
  convert.operand[0] = value;
  const ir::ValueId converted = program.emit(convert, row.to);
  program.returnWhetherEqual(row.to, converted, program.constant(row.to, row.expected));
  CHECK(program.run().exitStatus == 42);
}

TEST_CASE("Bit counts use the operand's width, and zero counts as the width",
          "[interp][intrinsics]") {
  struct Row {
    Opcode op;
    ir::TypeId type;
    int64_t value, expected;
  };
  const Row row = GENERATE(values<Row>({
      {Opcode::Clz, U8, 0, 8},
      {Opcode::Ctz, I16, 0, 16},
      {Opcode::Clz, I32, 1, 31},
      {Opcode::Clz, I8, -1, 0},
      {Opcode::Ctz, U64, INT64_MIN, 63},
      {Opcode::Popcount, I8, -1, 8},
      {Opcode::Popcount, I64, -1, 64},
  }));
  MainBuilder program;
  const ir::ValueId value = program.constant(row.type, row.value);
  ir::Instr count;
  count.op = row.op;
  count.type = row.type;
  count.operand[0] = value;
  const ir::ValueId counted = program.emit(count, row.type);
  program.returnWhetherEqual(row.type, counted, program.constant(row.type, row.expected));
  CHECK(program.run().exitStatus == 42);
}

TEST_CASE("Loads through null and wild pointers fault with SIGSEGV, the host survives",
          "[interp][faults]") {
  const uint64_t address = GENERATE(uint64_t{0}, uint64_t{8}, uint64_t{0x10000},
                                    uint64_t{0x800000000000}, uint64_t{0xffff800000000000});
  CAPTURE(address);
  MainBuilder program;
  const ir::TypeId pointer = program.module.types.pointerTo(I64);
  ir::Instr make;
  make.op = Opcode::Bitcast;
  make.type = pointer;
  make.operand[0] = program.constant(U64, static_cast<int64_t>(address));
  const ir::ValueId wild = program.emit(make, pointer);
  ir::Instr load;
  load.op = Opcode::Load;
  load.type = I64;
  load.operand[0] = wild;
  const ir::ValueId loaded = program.emit(load, I64);
  program.returnWhetherEqual(I64, loaded, loaded);
  const core::InterpretResult outcome = program.run();
  CHECK(outcome.exitStatus == 139);
  CHECK(outcome.signal == SIGSEGV);
  REQUIRE(outcome.backtrace.size() == 1);
  CHECK(outcome.backtrace[0].line == 3);  // const, bitcast, load
}

// Addresses outside the user half are checked before the access: the CPU
// reports some of them as SIGBUS (a non-canonical address reached through
// rbp is #SS), while native Toy code dies with SIGSEGV.
TEST_CASE("Stores outside user space fault with SIGSEGV, also when they straddle its end",
          "[interp][faults]") {
  const uint64_t address =
      GENERATE(uint64_t{0x7ffffffffffc}, uint64_t{0x800000000000}, uint64_t{0x7fffffffffffffff},
               uint64_t{0xfffffffffffffffc}, uint64_t{0xffff800000000000});
  CAPTURE(address);
  MainBuilder program;
  const ir::TypeId pointer = program.module.types.pointerTo(I64);
  ir::Instr make;
  make.op = Opcode::Bitcast;
  make.type = pointer;
  make.operand[0] = program.constant(U64, static_cast<int64_t>(address));
  const ir::ValueId wild = program.emit(make, pointer);
  ir::Instr store;
  store.op = Opcode::Store;
  store.type = I64;
  store.operand[0] = wild;
  store.operand[1] = program.constant(I64, 1);
  program.emit(store, ir::kNoType);
  const ir::ValueId zero = program.constant(I32, 0);
  program.returnWhetherEqual(I32, zero, zero);
  const core::InterpretResult outcome = program.run();
  CHECK(outcome.exitStatus == 139);
  CHECK(outcome.signal == SIGSEGV);
  REQUIRE(outcome.backtrace.size() == 1);
  CHECK(outcome.backtrace[0].line == 4);  // const, bitcast, const, store
}

TEST_CASE("@trap is SIGILL and @breakpoint is SIGTRAP without a debugger", "[interp][faults]") {
  const auto [op, status] =
      GENERATE(table<Opcode, int>({{Opcode::Trap, 132}, {Opcode::Breakpoint, 133}}));
  MainBuilder program;
  ir::Instr intrinsic;
  intrinsic.op = op;
  program.emit(intrinsic, ir::kNoType);
  const ir::ValueId zero = program.constant(I32, 0);
  program.returnWhetherEqual(I32, zero, zero);
  CHECK(program.run().exitStatus == status);
}
