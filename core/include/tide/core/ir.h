// The typed IR: what the front end (core/) hands to the interpreter and the
// x86-64 code generator. Design (full prose spec: docs/ir.md):
// - A Module owns an interned type table, globals with constant initializer
//   bytes plus relocations, read-only string literals, extern (C) functions and
//   Toy functions.
// - Every parameter and local is a named stack slot with its type and the source
//   range where it is visible; there is no SSA for variables: code takes the
//   slot's address (SlotAddr) and loads/stores through it. Aggregates (structs,
//   arrays) never live in virtual registers: they are copied memory to memory
//   (Copy), and every aggregate temporary has its own slot.
// - Instructions sit in basic blocks; each block ends with exactly one
//   terminator (Br, CondBr, Ret, Unreachable) and has no other terminator.
//   Every instruction carries a source location (locationOf(instr)).
// - Values (virtual registers) are numbered per function; each is defined by
//   exactly one instruction, and Function::valueTypes gives its (scalar) type.
// The opcode list is defined once, in TIDE_IR_OPCODES below.
// Stability: other stages read this header; change it additively only.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tide::ir {

// file indexes Module::files; line and column are 1-based (0 = unknown).
struct SourceLocation {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;
};

// An instruction stores its file in 16 bits (see Instr), so one program has
// at most this many source files; compileSources reports more as an error.
inline constexpr uint32_t kMaxFiles = 0xFFFF;

using TypeId = uint32_t;
using ValueId = uint32_t;
using BlockId = uint32_t;
inline constexpr TypeId kNoType = 0xFFFFFFFFu;
inline constexpr ValueId kNoValue = 0xFFFFFFFFu;
inline constexpr BlockId kNoBlock = 0xFFFFFFFFu;

enum class TypeKind : uint8_t {
  Void,
  Bool,
  I8,
  I16,
  I32,
  I64,
  U8,
  U16,
  U32,
  U64,
  F64,
  Pointer,   // element = pointee
  Array,     // element, count
  Struct,    // name, fields (offsets computed with C rules)
  Function,  // params, result, variadic: a function value / pointer to function
};

struct StructField {
  std::string name;
  TypeId type = kNoType;
  uint64_t offset = 0;
};

struct Type {
  TypeKind kind = TypeKind::Void;
  uint64_t size = 0;                // bytes; void 0, bool 1, pointer and function 8
  uint32_t align = 1;               // bytes
  TypeId element = kNoType;         // Pointer: pointee; Array: element type
  uint64_t count = 0;               // Array: number of elements (may be 0)
  std::string name;                 // Struct: its Toy name
  std::vector<StructField> fields;  // Struct, in declaration order
  bool complete = true;             // Struct: false until setStructFields
  std::vector<TypeId> params;       // Function
  TypeId result = kNoType;          // Function (TypeTable::kVoid for no result)
  bool variadic = false;            // Function: only extern C signatures
};

// Interned types: structurally equal pointer/array/function types get one id;
// each struct declaration gets its own id. Builtin scalar ids are fixed.
// References returned by get() are invalidated by adding types.
class TypeTable {
 public:
  static constexpr TypeId kVoid = 0, kBool = 1, kI8 = 2, kI16 = 3, kI32 = 4, kI64 = 5, kU8 = 6,
                          kU16 = 7, kU32 = 8, kU64 = 9, kF64 = 10;

  TypeTable();
  TypeTable(const TypeTable& other);
  TypeTable& operator=(const TypeTable& other);
  TypeTable(TypeTable&& other) noexcept;
  TypeTable& operator=(TypeTable&& other) noexcept;
  ~TypeTable();
  TypeId pointerTo(TypeId pointee);
  TypeId arrayOf(uint64_t count, TypeId element);
  TypeId function(const std::vector<TypeId>& params, TypeId result, bool variadic = false);
  // A struct is declared first (so fields may point to it) and laid out later.
  TypeId declareStruct(std::string name);
  void setStructFields(TypeId structType, std::vector<StructField> fields);  // computes offsets

  const Type& get(TypeId id) const { return at(id); }
  size_t count() const { return count_.load(std::memory_order_acquire); }
  std::string name(TypeId id) const;  // Toy spelling: "*[4]i32", "fn(i64): bool", "Point"

  // The predicates are inline: checking and lowering ask them for nearly
  // every expression (millions of calls on a large program).
  bool isInteger(TypeId id) const {  // i8..u64 (not bool)
    return id < count() && at(id).kind >= TypeKind::I8 && at(id).kind <= TypeKind::U64;
  }
  bool isSigned(TypeId id) const {  // i8..i64
    return id < count() && at(id).kind >= TypeKind::I8 && at(id).kind <= TypeKind::I64;
  }
  bool isScalar(TypeId id) const {  // integer, bool, f64, pointer, function
    if (id >= count()) return false;
    TypeKind kind = at(id).kind;
    return kind != TypeKind::Void && kind != TypeKind::Struct && kind != TypeKind::Array;
  }
  bool isAggregate(TypeId id) const {  // struct or array
    if (id >= count()) return false;
    TypeKind kind = at(id).kind;
    return kind == TypeKind::Struct || kind == TypeKind::Array;
  }
  unsigned bitWidth(TypeId id) const {  // integers: 8..64; bool 8; pointer/function 64
    return id < count() ? static_cast<unsigned>(at(id).size * 8) : 0;
  }

 private:
  // Types live in chunks that never move, and the chunk directory is
  // reserved once and never reallocates: a code generator thread may read
  // the types of the functions it was handed while the front end goes on
  // adding types for later ones (codegen's compile pipeline). count_ is
  // published (release) after the new type is complete.
  // 64 types a chunk (8 KiB): a small program touches two pages for them.
  static constexpr unsigned kChunkBits = 6;
  static constexpr size_t kChunkSize = size_t{1} << kChunkBits;
  static constexpr size_t kMaxChunks = size_t{1} << 20;  // 67M types; 8 MiB directory, untouched
  std::vector<std::unique_ptr<Type[]>> chunks_;
  std::atomic<size_t> count_{0};
  const Type& at(TypeId id) const { return chunks_[id >> kChunkBits][id & (kChunkSize - 1)]; }
  Type& at(TypeId id) { return chunks_[id >> kChunkBits][id & (kChunkSize - 1)]; }
  TypeId append(Type type);
  std::vector<TypeId> pointerCache_;  // pointee -> pointer type (hot in lowering)
  TypeId intern(Type type);
  TypeId pointerToSlow(TypeId pointee);
};

inline TypeId TypeTable::pointerTo(TypeId pointee) {
  if (pointee < pointerCache_.size() && pointerCache_[pointee] != kNoType)
    return pointerCache_[pointee];
  return pointerToSlow(pointee);
}

// Constant bytes of a global may contain 8-byte absolute addresses, patched by
// the consumer: *(u64*)(bytes + offset) = address(target) + addend.
enum class SymbolKind : uint8_t { Global, Function, Extern, String };

struct Relocation {
  uint64_t offset = 0;
  SymbolKind kind = SymbolKind::Global;
  uint32_t index = 0;  // into Module::globals / functions / externs / strings
  int64_t addend = 0;
};

struct Global {
  std::string name;
  TypeId type = kNoType;
  uint64_t size = 0;
  uint32_t align = 1;
  bool isMutable = true;             // `var` (false for `let`)
  std::vector<uint8_t> initializer;  // exactly `size` bytes (all zero: zero-initialized)
  std::vector<Relocation> relocations;
  SourceLocation location;
};

struct StringLiteral {
  std::string bytes;  // the decoded bytes INCLUDING the terminating NUL
};

struct ExternFunction {
  std::string name;            // the C symbol
  TypeId signature = kNoType;  // a Function type (variadic flag set for `...`)
  SourceLocation location;
};

enum class SlotKind : uint8_t { Parameter, Local, Temporary };

// A named stack slot: every parameter, every local, every aggregate temporary.
struct Slot {
  std::string name;  // Toy name; temporaries are named "$tN"
  TypeId type = kNoType;
  SlotKind kind = SlotKind::Local;
  bool isMutable = false;     // `var` locals
  SourceLocation declared;    // the name's position in its declaration
  SourceLocation scopeBegin;  // first position where the name is visible
  SourceLocation scopeEnd;    // last position where it is visible (closing brace)
};

enum class CmpPredicate : uint8_t {
  Eq,
  Ne,  // integers, bool, pointers, function values
  SLt,
  SLe,
  SGt,
  SGe,  // signed integers
  ULt,
  ULe,
  UGt,
  UGe,  // unsigned integers
  FEq,
  FNe,
  FLt,
  FLe,
  FGt,
  FGe,  // f64: ordered, except FNe (true when unordered)
};

// X(name, printed mnemonic). `type` below is Instr::type; a, b are operand[0..1].
#define TIDE_IR_OPCODES(X)                                                                    \
  /* constants; result has `type` */                                                          \
  X(ConstInt, "const")    /* integer or bool: immediate (canonical: sign/zero-extended) */    \
  X(ConstF64, "fconst")   /* floatImmediate */                                                \
  X(ConstNull, "null")    /* pointer type */                                                  \
  X(GlobalAddr, "global") /* index: global; type = pointer to it */                           \
  X(FunctionAddr, "func") /* index: function; type = its Function type */                     \
  X(ExternAddr, "extern") /* index: extern; type = its Function type */                       \
  X(StringAddr, "string") /* index: string literal; type = *u8 */                             \
  X(SlotAddr, "slot")     /* index: slot; type = pointer to the slot's type */                \
  /* memory */                                                                                \
  X(Load, "load")        /* result:type = *a (scalar type) */                                 \
  X(Store, "store")      /* *a = b, b has scalar `type`; no result */                         \
  X(Copy, "copy")        /* memcpy(a, b, size(type)); type aggregate; no result */            \
  X(Zero, "zero")        /* memset(a, 0, size(type)); no result */                            \
  X(FieldAddr, "field")  /* result = a + immediate (byte offset); index = field number;       \
                            type = result pointer type */                                     \
  X(ElementAddr, "elem") /* result = a + b * size(elem); type = ARRAY type; b any integer     \
                            (signed by its own type); traps (SIGILL) unless 0 <= b < count */ \
  X(PtrAdd, "ptradd")    /* result = a + b * size(pointee); type = pointer type; b any int */ \
  X(PtrSub, "ptrsub")    /* result = a - b * size(pointee); type = pointer type */            \
  X(PtrDiff, "ptrdiff")  /* result:i64 = (a - b) / size(pointee); type = the pointer type */  \
  /* integer arithmetic; type = operand and result type; wraps */                             \
  X(Add, "add")                                                                               \
  X(Sub, "sub")                                                                               \
  X(Mul, "mul")                                                                               \
  X(SDiv, "sdiv") /* SIGFPE when b == 0 or (a == MIN and b == -1) */                          \
  X(UDiv, "udiv") /* SIGFPE when b == 0 */                                                    \
  X(SRem, "srem") /* SIGFPE when b == 0 or (a == MIN and b == -1) */                          \
  X(URem, "urem") /* SIGFPE when b == 0 */                                                    \
  X(Shl, "shl")   /* b: any integer type; count = b mod bitWidth(type) */                     \
  X(LShr, "lshr")                                                                             \
  X(AShr, "ashr")                                                                             \
  X(And, "and") /* also bool */                                                               \
  X(Or, "or")   /* also bool */                                                               \
  X(Xor, "xor") /* also bool */                                                               \
  X(Neg, "neg") /* unary, wraps */                                                            \
  X(Not, "not") /* unary: bitwise complement; on bool: logical not */                         \
  /* comparison: type = operand type, result bool, predicate */                               \
  X(Cmp, "cmp")                                                                               \
  /* conversions: type = result type; the source type is the operand's value type */          \
  X(Trunc, "trunc")                                                                           \
  X(SExt, "sext")                                                                             \
  X(ZExt, "zext") /* also bool -> integer (0/1) */                                            \
  X(SIToFP, "sitofp")                                                                         \
  X(UIToFP, "uitofp")                                                                         \
  X(FPToSI, "fptosi")   /* truncates toward zero; SIGILL if NaN or out of range */            \
  X(FPToUI, "fptoui")   /* same */                                                            \
  X(Bitcast, "bitcast") /* same-size: int<->int, ptr<->u64/i64, ptr<->ptr, fn->ptr/u64 */     \
  /* f64 arithmetic, IEEE, no traps */                                                        \
  X(FAdd, "fadd")                                                                             \
  X(FSub, "fsub")                                                                             \
  X(FMul, "fmul")                                                                             \
  X(FDiv, "fdiv")                                                                             \
  X(FNeg, "fneg")                                                                             \
  /* calls: arguments, type = callee Function type; result value iff scalar result */         \
  X(Call, "call")                  /* index: function */                                      \
  X(CallIndirect, "call_indirect") /* a: function value */                                    \
  X(CallExtern, "call_extern")     /* index: extern; fixedArgumentCount for variadics */      \
  /* intrinsics */                                                                            \
  X(Trap, "trap")             /* ud2: SIGILL; next is Unreachable */                          \
  X(Breakpoint, "breakpoint") /* int3 */                                                      \
  X(Popcount, "popcount")     /* type = operand/result integer type */                        \
  X(Clz, "clz")               /* clz(0) = bitWidth */                                         \
  X(Ctz, "ctz")               /* ctz(0) = bitWidth */                                         \
  /* terminators */                                                                           \
  X(Br, "br")         /* target[0] */                                                         \
  X(CondBr, "condbr") /* a: bool; target[0] if true, target[1] if false */                    \
  X(Ret, "ret")       /* a: scalar value, or address of the aggregate result, or none;        \
                         type = result type */                                                \
  X(Unreachable, "unreachable")

enum class Opcode : uint8_t {
#define TIDE_IR_ENUM(name, text) name,
  TIDE_IR_OPCODES(TIDE_IR_ENUM)
#undef TIDE_IR_ENUM
};

std::string_view opcodeName(Opcode op);
bool isTerminator(Opcode op);
inline bool isCall(Opcode op) {
  return op == Opcode::Call || op == Opcode::CallIndirect || op == Opcode::CallExtern;
}

// An argument of a call. Scalars: value of `type`. Aggregates (struct/array by
// value): value is the ADDRESS of a slot holding the aggregate, type its type;
// the callee receives its own copy (System V classification is codegen's job).
// Variadic extern arguments are already promoted (type i32/u32... see docs).
struct CallArgument {
  ValueId value = kNoValue;
  TypeId type = kNoType;
};

// What only a call needs (Call, CallIndirect, CallExtern), kept beside the
// instructions in Function::calls so that an Instr stays small and trivially
// copyable: a 100,000-line program lowers to ~700k instructions, of which
// fewer than 1 in 30 are calls.
struct CallSite {
  uint32_t firstArgument = 0;  // the arguments are Function::callArguments[first, first + count)
  uint32_t argumentCount = 0;
  ValueId aggregateResultAddress = kNoValue;  // where an aggregate result is stored
  uint32_t fixedArgumentCount = 0;            // CallExtern of a variadic: non-`...` args
};

inline constexpr uint32_t kNoCall = 0xFFFFFFFFu;

// 40 bytes (was 56, then 48), trivially copyable (no member owns memory):
// lowering writes and the code generator reads ~650k of these for 100,000
// lines, and IR memory is most of the front end's memory traffic and, in a
// fresh process, of its page faults. Members are ordered so that they pack
// without padding; the file index takes the two bytes that were padding
// (kMaxFiles). The branch targets, the call site and the immediate share
// storage: only Br and CondBr have targets, only calls have a call site, and
// none of them has an immediate. An instruction starts with both targets
// kNoBlock (so a branch whose target was never set fails verification, and a
// call made without setCall has kNoCall); whoever makes an instruction with
// an immediate sets it. Read and write the location with locationOf and
// setLocation.
struct Instr {
  Opcode op = Opcode::Unreachable;
  CmpPredicate predicate = CmpPredicate::Eq;  // Cmp only
  uint16_t file = 0;                          // the location: Module::files index,
  TypeId type = kNoType;                      // meaning per opcode (see table)
  ValueId result = kNoValue;                  // defined value, if any
  ValueId operand[2] = {kNoValue, kNoValue};  // a, b
  uint32_t index = 0;                         // slot/global/function/extern/string/field
  uint32_t line = 0;                          // ... line and column (1-based; 0 = unknown)
  uint32_t column = 0;
  union {
    BlockId target[2] = {kNoBlock, kNoBlock};  // Br, CondBr
    uint32_t call;                             // calls: index into Function::calls
    int64_t immediate;                         // ConstInt bits, FieldAddr offset
    double floatImmediate;                     // ConstF64 (the only opcode with a float one)
  };
};
static_assert(sizeof(Instr) == 40);
static_assert(kNoBlock == kNoCall, "a fresh instruction's call aliases target[0]");

inline SourceLocation locationOf(const Instr& instr) {
  return {instr.file, instr.line, instr.column};
}
// location.file must be below kMaxFiles (compileSources guarantees it).
inline void setLocation(Instr& instr, const SourceLocation& location) {
  instr.file = static_cast<uint16_t>(location.file);
  instr.line = location.line;
  instr.column = location.column;
}

// A block's instructions are the run Function::instrs[firstInstr, firstInstr +
// instrCount): one allocation per function instead of one per block. The last
// one is the only terminator.
struct Block {
  std::string label;  // for printing and debugging: "entry", "if.then", ...
  uint32_t firstInstr = 0;
  uint32_t instrCount = 0;
};

struct Function {
  std::string name;
  bool exported = false;    // `main` and `.export`: global symbol; others local
  bool noinline = false;    // `.noinline`
  bool inlineHint = false;  // `.inline`
  TypeId type = kNoType;    // Function type
  TypeId result = TypeTable::kVoid;
  uint32_t parameterCount = 0;  // slots[0..parameterCount) are the parameters, in order;
                                // on entry they already hold the arguments
  std::vector<Slot> slots;
  std::vector<Block> blocks;  // blocks[0] is the entry
  // The order to lay the blocks' code out in: lowering enters blocks in
  // source order, so each Toy block's code stays one address range (DWARF
  // lexical blocks need that). A permutation of the block ids starting with
  // the entry; empty = block order.
  std::vector<BlockId> layout;
  std::vector<TypeId> valueTypes;  // indexed by ValueId
  SourceLocation location;         // the `fn` keyword
  SourceLocation endLocation;      // the closing brace
  // Storage the blocks and calls index into (see Block and CallSite). Each
  // block's run is contiguous; runs do not overlap (lowering lays them out in
  // block order).
  std::vector<Instr> instrs;
  std::vector<CallSite> calls;
  std::vector<CallArgument> callArguments;

  std::span<const Instr> instructions(const Block& block) const {
    return {instrs.data() + block.firstInstr, block.instrCount};
  }
  std::span<Instr> instructions(const Block& block) {
    return {instrs.data() + block.firstInstr, block.instrCount};
  }
  std::span<const Instr> instructions(BlockId block) const { return instructions(blocks[block]); }
  // A call without a site (IR built by hand, unverified) has no arguments.
  const CallSite& callSite(const Instr& call) const {
    static constexpr CallSite kNoSite{};
    return isCall(call.op) && call.call < calls.size() ? calls[call.call] : kNoSite;
  }
  std::span<const CallArgument> arguments(const Instr& call) const {
    const CallSite& site = callSite(call);
    if (size_t{site.firstArgument} + site.argumentCount > callArguments.size()) return {};
    return {callArguments.data() + site.firstArgument, site.argumentCount};
  }

  // Frees the instructions, values, blocks and call sites once code has been
  // generated from them and only the declaration is still needed (tide build
  // on a large program: the memory goes to the functions lowered next).
  // verifyModule and the printer skip a released body.
  void releaseBody();
  bool bodyReleased = false;

  // Building by hand (tests, tools). Blocks are filled one after another:
  // append() to a block other than the last one filled moves that block's run
  // to the end (the old run stays as unused space).
  BlockId addBlock(std::string label);
  Instr& append(BlockId block, const Instr& instr);
  // Makes `instr` a call site with these arguments (call before append()).
  void setCall(Instr& instr, std::span<const CallArgument> arguments,
               ValueId aggregateResultAddress = kNoValue, uint32_t fixedArgumentCount = 0);
};

struct Module {
  std::vector<std::string> files;  // SourceLocation::file indexes this
  TypeTable types;
  std::vector<Global> globals;
  std::vector<StringLiteral> strings;
  std::vector<ExternFunction> externs;
  std::vector<Function> functions;

  // Index of the named function/global/extern, or -1.
  int findFunction(std::string_view name) const;
  int findGlobal(std::string_view name) const;
  int findExtern(std::string_view name) const;
};

// The textual form (docs/ir.md); deterministic, for golden tests and `tide ir`.
std::string printModule(const Module& module);
std::string printFunction(const Module& module, const Function& function);

// Structural and type checks; returns one message per problem (empty = valid).
std::vector<std::string> verifyModule(const Module& module);

}  // namespace tide::ir
