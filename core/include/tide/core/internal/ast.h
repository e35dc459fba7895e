// The Toy AST. Nodes are plain structs allocated in an Arena (bump allocator,
// no destructors run: every node is trivially destructible, lists are arena
// arrays), so a million statements cost a few large blocks. Every node has a
// source range. Semantic analysis writes its results (types, constant values,
// resolved symbols) into the `sema` fields that lowering then reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "tide/core/ir.h"
#include "tide/core/source.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define TIDE_ARENA_UNPOISON(at, size) ASAN_UNPOISON_MEMORY_REGION(at, size)
#else
#define TIDE_ARENA_UNPOISON(at, size) ((void)(at), (void)(size))
#endif

namespace tide::core {

class Arena {
 public:
  Arena();
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // For a large input: takes `bytes` at once for the nodes to come and has a
  // thread of its own map those pages ahead of the parser (mapping a large
  // AST's pages is about a third of parsing it, and the other core is idle
  // then). Does nothing under 4 MiB, or where the region cannot be had.
  void populateAhead(size_t bytes);

  // Forgets every node: the largest block is kept and handed out again, the
  // others are freed. For an arena that holds one function body at a time
  // (DeferredBodies), so those nodes are written
  // to memory that is mapped and mostly still in the cache. Under ASan the
  // kept block is poisoned, so a node read after the reset is reported.
  void reset();

  // The fast path is inline (one compare, one add): the parser allocates a
  // node every few tokens. Blocks are not zeroed (make() constructs each node),
  // so untouched memory is never committed. The two lines 2 KiB ahead of the
  // cursor are asked for in advance (for writing): freshly prefaulted pages
  // are mostly not in the cache, and the first store to each node's lines
  // stalled there (17% of parsePrimary in perf). Measured on lines_5000.toy:
  // lex+parse 20.7 -> 16.6 ms; one line 1-4 KiB ahead gave 17.5 ms, 256 B
  // ahead 19.4 ms. (A prefetch never faults, so reaching past the block end
  // or the prefaulted part is harmless.)
  void* allocate(size_t size, size_t align) {
    uintptr_t at = (reinterpret_cast<uintptr_t>(cursor_) + (align - 1)) & ~uintptr_t(align - 1);
    if (cursor_ != nullptr && at + size <= reinterpret_cast<uintptr_t>(limit_)) {
      cursor_ = reinterpret_cast<std::byte*>(at + size);
      TIDE_ARENA_UNPOISON(reinterpret_cast<void*>(at), size);
      __builtin_prefetch(cursor_ + 2048, 1);
      __builtin_prefetch(cursor_ + 2048 + 64, 1);
      return reinterpret_cast<void*>(at);
    }
    return allocateSlow(size, align);
  }
  size_t bytesReserved() const { return reserved_; }  // sum of the block sizes
  template <typename T>
  T* make() {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (allocate(sizeof(T), alignof(T))) T();
  }
  template <typename T>
  std::pair<T*, uint32_t> copyList(const std::vector<T>& items) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (items.empty()) return {nullptr, 0};
    T* out = static_cast<T*>(allocate(sizeof(T) * items.size(), alignof(T)));
    for (size_t i = 0; i < items.size(); ++i) new (out + i) T(items[i]);
    return {out, static_cast<uint32_t>(items.size())};
  }

 private:
  void* allocateSlow(size_t size, size_t align);
  struct FreeBlock {
    void operator()(std::byte* block) const;
  };
  std::vector<std::unique_ptr<std::byte, FreeBlock>> blocks_;
  std::vector<size_t> blockSizes_;  // beside blocks_
  struct Populator;
  std::unique_ptr<Populator> populator_;
  std::byte* cursor_ = nullptr;
  std::byte* limit_ = nullptr;     // end of the part of the block handed out so far
  std::byte* blockEnd_ = nullptr;  // end of the current block
  size_t reserved_ = 0;
};

template <typename T>
struct List {
  T* items = nullptr;
  uint32_t count = 0;
  T* begin() const { return items; }
  T* end() const { return items + count; }
  T& operator[](uint32_t i) const { return items[i]; }
};

template <typename T>
List<T> makeList(Arena& arena, const std::vector<T>& items) {
  auto [pointer, count] = arena.copyList(items);
  return {pointer, count};
}

struct Symbol;
struct Expr;

enum class TypeExprKind : uint8_t { Named, Pointer, Array, Function };

struct TypeExpr {
  TypeExprKind kind = TypeExprKind::Named;
  SourceRange range;
  std::string_view name;      // Named
  TypeExpr* inner = nullptr;  // Pointer, Array: element; Function: result (may be null)
  Expr* length = nullptr;     // Array
  List<TypeExpr*> params;     // Function
};

enum class ExprKind : uint8_t {
  Error,  // parse error placeholder (already reported)
  IntLiteral,
  FloatLiteral,
  CharLiteral,
  StringLiteral,
  BoolLiteral,
  Null,
  Name,
  Unary,
  Binary,
  Call,
  Index,
  Field,
  Deref,
  Cast,
  StructLiteral,
  ArrayLiteral,
  Intrinsic,
  Paren,
};

enum class UnaryOp : uint8_t { Negate, Not, BitNot, AddressOf };
enum class BinaryOp : uint8_t {
  Add,
  Sub,
  Mul,
  Div,
  Rem,
  Shl,
  Shr,
  BitAnd,
  BitOr,
  BitXor,
  LogicalAnd,
  LogicalOr,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
};

struct FieldInit {
  std::string_view name;
  SourceRange nameRange;
  Expr* value = nullptr;
};

enum class Untyped : uint8_t { None, Int, Float };

// A 128-bit integer aligned to 8 bytes, not 16: in a node it then needs no
// padding before it (x86-64 loads it as two 8-byte halves either way).
typedef __int128 Int128Field __attribute__((aligned(8)));

// Results of semantic analysis on an expression (32 bytes). A constant is
// either an integer (ints, bool: intValue) or an f64 (floatValue), never
// both, so the two share storage; copy a constant through intValue, which
// covers all 16 bytes. Only a Name has a symbol and only a Field a field
// index, so those share storage too.
struct ExprSema {
  union {
    Int128Field intValue = 0;  // untyped ints: exact; typed ints/bool: canonical value
    double floatValue;         // f64 constants (untyped float or typed f64)
  };
  union {
    Symbol* symbol = nullptr;  // Name: what it refers to
    uint32_t fieldIndex;       // Field: index in the struct
  };
  ir::TypeId type = ir::kNoType;  // kErrorType when poisoned
  Untyped untyped = Untyped::None;
  bool isConstant = false;      // value above is known at compile time
  bool throughPointer = false;  // Field: p.f on a pointer; Index: p[i] on a pointer
};

// 96 bytes (was 128): the operator range shares the file of `range`, and
// fields no node kind uses together share storage: the spelling (names,
// literals, fields, struct literals, intrinsics), the right operand (Binary,
// Index) and the target type (Cast, ArrayLiteral); the lists (Call,
// Intrinsic, ArrayLiteral; StructLiteral) and the type operand of @sizeof.
// The front end's speed is bounded by memory traffic (a 100,000-line
// program has about 600k of these). Measured on lines_5000.toy against 128
// bytes: lex+parse 23.2 -> 20.4 ms, check 17.0 -> 14.7 ms, lower 32.0 ->
// 29.7 ms at 104 bytes; 96 bytes took another ~0.8 ms off lex+parse and
// ~1 ms off lower (check within noise).
struct Expr {
  ExprKind kind = ExprKind::Error;
  UnaryOp unaryOp = UnaryOp::Negate;
  BinaryOp binaryOp = BinaryOp::Add;
  SourceRange range;
  uint32_t operatorBegin = 0;  // operatorRange(), in range.file
  uint32_t operatorEnd = 0;
  Expr* left = nullptr;  // operand / callee / base
  union {
    std::string_view text;  // Name, Field: identifier; literals: spelling; Intrinsic name
    Expr* right;            // Binary right / Index index
    TypeExpr* typeExpr;     // Cast target, ArrayLiteral type
  };
  union {
    List<Expr*> arguments;   // Call, Intrinsic, ArrayLiteral elements
    List<FieldInit> fields;  // StructLiteral
    TypeExpr* typeOperand;   // @sizeof(T), @alignof(T)
  };
  ExprSema sema;

  Expr() : text(), arguments() {}  // (union members with default constructors need one)
  // The operator token (Binary, Unary, Cast), field name (Field), struct name
  // (StructLiteral) or intrinsic name (Intrinsic).
  SourceRange operatorRange() const { return {range.file, operatorBegin, operatorEnd}; }
  void setOperatorRange(SourceRange operatorRange) {
    operatorBegin = operatorRange.begin;
    operatorEnd = operatorRange.end;
  }
};
static_assert(sizeof(Expr) == 96);

enum class StmtKind : uint8_t {
  Error,
  Let,
  Expr,
  Assign,
  If,
  While,
  Loop,
  For,
  Break,
  Continue,
  Return,
  Block,
};

struct Stmt;

struct Block {
  SourceRange range;  // braces included
  List<Stmt*> statements;
};

struct LocalSema {
  Symbol* symbol = nullptr;
};

// 88 bytes (was 128): the small fields first, packed, and the pointers no
// statement kind uses together share storage.
struct Stmt {
  StmtKind kind = StmtKind::Error;
  bool isMutable = false;             // Let
  BinaryOp assignOp = BinaryOp::Add;  // Assign
  bool compound = false;              // Assign: `op=`
  SourceRange range;
  SourceRange nameRange;  // Let, For
  bool hasBreak = false;  // Loop: a break targets it
  std::string_view name;  // Let, For
  // Let init, Expr, Assign right, Return value, If/While condition, For start
  Expr* value = nullptr;
  Expr* target = nullptr;  // Assign place; For end bound
  Block* body = nullptr;   // If then, While/Loop/For body, Block
  union {
    TypeExpr* typeExpr = nullptr;  // Let (may be null)
    Stmt* elseBranch;              // If: else-if (If) or else (Block)
    Stmt* loopTarget;              // Break/Continue: the loop
  };
  Symbol* symbol = nullptr;  // Let and For: the declared local
};
static_assert(sizeof(Stmt) == 88);

enum class DeclKind : uint8_t { Function, Extern, Struct, Const, Global };

struct Param {
  std::string_view name;
  SourceRange nameRange;
  TypeExpr* type = nullptr;
  Symbol* symbol = nullptr;
};

struct Attribute {
  std::string_view name;
  SourceRange range;
};

struct Decl {
  DeclKind kind = DeclKind::Function;
  SourceRange range;
  std::string_view name;
  SourceRange nameRange;
  List<Attribute> attributes;      // Function
  List<Param> params;              // Function, Extern; Struct: fields
  bool variadic = false;           // Extern
  TypeExpr* resultType = nullptr;  // Function, Extern (null: void)
  TypeExpr* typeExpr = nullptr;    // Const, Global (may be null)
  Expr* value = nullptr;           // Const, Global initializer (may be null)
  bool isMutable = false;          // Global: var
  Block* body = nullptr;           // Function (null while its parse is deferred)
  bool hadSyntaxError = false;     // Function: its body had parse errors (skip flow checks)
  bool bodyDeferred = false;       // Function: body parsed when it is checked (parseDeferredBody)
  uint32_t bodyBegin = 0;          // deferred body: offsets of its '{' and past its '}'
  uint32_t bodyEnd = 0;
  Symbol* symbol = nullptr;
};

// Asks for the AST memory a page beyond `node` (both cache lines of a node
// there). The parser lays nodes out in source order, so a pass over the AST
// (checking, lowering) moves through the arena mostly forwards, but in jumps
// (an expression's operands come before it) that the hardware prefetcher
// does not follow: without this, most nodes miss every cache level (the AST
// of 100,000 lines was ~90 MB then, ~69 MB now). Measured: checking the benchmark took 20 ms
// instead of 35 ms; 2 KiB to 16 KiB ahead did equally well.
inline void prefetchAhead(const void* node) {
  const char* ahead = static_cast<const char*>(node) + 4096;
  __builtin_prefetch(ahead);
  __builtin_prefetch(ahead + 64);
}

struct FileAst {
  uint32_t file = 0;
  List<Decl*> decls;
  std::string_view text;  // the source, for the deferred function bodies
};

// What a name refers to. Globals are created per declaration; locals and
// parameters per declaration site.
enum class SymbolKind : uint8_t { Function, Extern, Struct, Const, Global, Local, Param };

struct Symbol {
  SymbolKind kind = SymbolKind::Local;
  std::string_view name;
  SourceRange range;
  Decl* decl = nullptr;
  ir::TypeId type = ir::kNoType;  // value type; Struct: the struct type
  bool isMutable = false;
  bool used = false;
  bool addressTaken = false;
  // Const: value
  Untyped untyped = Untyped::None;
  union {  // as in ExprSema: one or the other; copied through intValue
    Int128Field intValue = 0;
    double floatValue;
  };
  // Resolution state for globals (cycle detection): 0 new, 1 in progress, 2 done
  uint8_t state = 0;
  uint32_t index = 0;  // lowering: slot / function / global / extern index
};

}  // namespace tide::core
