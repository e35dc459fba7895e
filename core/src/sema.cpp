// Semantic analysis for Toy. Globals are resolved lazily (a `state` on each
// Symbol detects cycles), so declaration order never matters: a struct is laid
// out, a const evaluated or a signature resolved the first time something needs
// it. Function bodies are checked last. Expressions are checked with an
// optional expected type; untyped constants are evaluated exactly (__int128,
// range-checked) and take their type only when converted to a context
// (convertTo). Typed constants fold with run-time rules; a fold that would trap
// is an error.
#include "tide/core/internal/sema.h"

#include "tide/core/internal/deferred_bodies.h"
#include "tide/core/internal/name_table.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <unordered_map>

namespace tide::core {

using ir::TypeId;
using ir::TypeKind;
using ir::TypeTable;

__int128 canonicalInteger(const TypeTable& types, TypeId type, __int128 value) {
  unsigned width = types.bitWidth(type);
  if (width >= 128 || width == 0) return value;
  unsigned __int128 mask = (static_cast<unsigned __int128>(1) << width) - 1;
  unsigned __int128 bits = static_cast<unsigned __int128>(value) & mask;
  if (types.isSigned(type) && (bits >> (width - 1)) & 1) bits |= ~mask;
  return static_cast<__int128>(bits);
}

namespace {

// Copies the results of an expression checked just before (a Paren takes its
// operand's), 8 bytes at a time and the small fields as they were written.
// A copy by 16-byte moves (or through a stack temporary, as the member-wise
// assignment compiled) reloaded stores not yet retired in other widths,
// which the core cannot forward: 15-28% of check()'s samples in perf
// annotate. The barriers keep the compiler from merging the loads again.
void copyFreshSema(ExprSema& to, const ExprSema& from) {
  static_assert(std::is_trivially_copyable_v<ExprSema> && sizeof(ExprSema) == 32);
  const auto barrier = [] { asm volatile("" ::: "memory"); };
  uint64_t word;
  std::memcpy(&word, &from.intValue, 8);
  std::memcpy(&to.intValue, &word, 8);
  barrier();
  std::memcpy(&word, reinterpret_cast<const char*>(&from.intValue) + 8, 8);
  std::memcpy(reinterpret_cast<char*>(&to.intValue) + 8, &word, 8);
  barrier();
  to.symbol = from.symbol;
  barrier();
  to.type = from.type;
  barrier();
  to.untyped = from.untyped;
  barrier();
  to.isConstant = from.isConstant;
  barrier();
  to.throughPointer = from.throughPointer;
}

constexpr __int128 kUntypedLimit = static_cast<__int128>(1) << 120;

std::string int128Text(__int128 value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  unsigned __int128 magnitude = negative ? static_cast<unsigned __int128>(-(value + 1)) + 1
                                         : static_cast<unsigned __int128>(value);
  std::string digits;
  while (magnitude) {
    digits.insert(digits.begin(), static_cast<char>('0' + magnitude % 10));
    magnitude /= 10;
  }
  return negative ? "-" + digits : digits;
}

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

// The built-in type names, found by length and letters (resolveType runs for
// every type written in the program; comparing against each name in turn
// called memcmp up to eleven times).
TypeId builtinType(std::string_view name) {
  switch (name.size()) {
    case 2:
      if (name[0] == 'i' && name[1] == '8') return TypeTable::kI8;
      if (name[0] == 'u' && name[1] == '8') return TypeTable::kU8;
      return ir::kNoType;
    case 3: {
      char a = name[0];
      std::string_view digits = name.substr(1);
      if (a != 'i' && a != 'u' && a != 'f') return ir::kNoType;
      if (digits == "64")
        return a == 'i' ? TypeTable::kI64 : a == 'u' ? TypeTable::kU64 : TypeTable::kF64;
      if (a == 'f') return ir::kNoType;
      if (digits == "16") return a == 'i' ? TypeTable::kI16 : TypeTable::kU16;
      if (digits == "32") return a == 'i' ? TypeTable::kI32 : TypeTable::kU32;
      return ir::kNoType;
    }
    case 4:
      if (name == "void") return TypeTable::kVoid;
      if (name == "bool") return TypeTable::kBool;
      return ir::kNoType;
    default: return ir::kNoType;
  }
}

struct LoopContext {
  Stmt* loop;
};

class Sema {
 public:
  Sema(TypeTable& types, Arena& arena, DiagnosticSink& sink, AnalysisListener* listener)
      : types_(types), arena_(arena), sink_(sink), listener_(listener), localArena_(&arena) {}
  CheckedProgram run(const std::vector<FileAst>& files);

 private:
  TypeTable& types_;
  Arena& arena_;
  DiagnosticSink& sink_;
  AnalysisListener* listener_;
  // The deferred bodies, one at a time, and where the symbols of the body
  // being checked go: the body's arena while it holds that body, so they
  // are forgotten with it.
  DeferredBodies bodies_;
  Arena* localArena_;
  CheckedProgram program_;
  // Per name, the global it declares and the stack of locals visible under
  // it (innermost last): one map, so a name is hashed and found once
  // whether it turns out local or global.
  struct NameEntry {
    Symbol* global = nullptr;
    std::vector<Symbol*> locals;
  };
  NameTable<NameEntry> names_;
  Symbol* global(std::string_view name) const {
    const NameEntry* entry = names_.find(name);
    return entry == nullptr ? nullptr : entry->global;
  }
  // The symbols of all open block scopes, innermost last, and where each
  // scope's own begin: flat, so entering and leaving a block allocates nothing.
  std::vector<Symbol*> scopeSymbols_;
  // Beside each of scopeSymbols_, its name's stack in names_ (entries
  // never move), so leaving a block pops without hashing the name again.
  std::vector<std::vector<Symbol*>*> scopeStacks_;
  std::vector<size_t> scopeStarts_;
  Decl* function_ = nullptr;
  TypeId functionResult_ = TypeTable::kVoid;
  std::vector<Stmt*> loops_;
  bool inGlobalInitializer_ = false;
  bool calleeContext_ = false;  // checking the callee of a call (variadic externs allowed)
  std::unordered_map<TypeId, Symbol*> structSymbols_;  // struct type -> its declaration
  // Function types already asked for, keyed by their shape (variadic flag,
  // result, parameters as bytes): TypeTable::function scans every derived
  // type, ~1,200 instructions per signature on a program with a thousand
  // structs. A shape's id never changes, so this only skips repeated scans.
  std::unordered_map<std::string, TypeId> functionTypes_;
  std::string functionTypeKey_;  // the shape being looked up: reused, no malloc per call
  TypeId functionType(const std::vector<TypeId>& params, TypeId result, bool variadic = false);

  void error(SourceRange range, std::string message) { sink_.error(range, std::move(message)); }
  std::string typeName(TypeId type) const;
  bool isError(TypeId type) const { return type == kErrorType; }
  bool isInteger(TypeId type) const { return type < types_.count() && types_.isInteger(type); }
  bool isPointer(TypeId type) const {
    return type < types_.count() && types_.get(type).kind == TypeKind::Pointer;
  }
  bool isFunction(TypeId type) const {
    return type < types_.count() && types_.get(type).kind == TypeKind::Function;
  }
  bool isAggregate(TypeId type) const { return type < types_.count() && types_.isAggregate(type); }

  // declarations
  void declareGlobal(Decl* decl);
  void ensureStruct(Symbol* symbol);
  void ensureConst(Symbol* symbol);
  void ensureGlobal(Symbol* symbol);
  void ensureSignature(Symbol* symbol);
  void ensureSymbol(Symbol* symbol);
  TypeId resolveType(TypeExpr* type, bool allowVoid = false);
  bool evaluateLength(Expr* length, uint64_t& count);
  void checkAttributes(Decl* decl);
  void checkMain(Decl* decl);
  void checkFunctionBody(Decl* decl);
  bool isConstantInitializer(Expr* expr);

  // scopes
  void pushScope() { scopeStarts_.push_back(scopeSymbols_.size()); }
  void popScope();
  Symbol* declareLocal(std::string_view name, SourceRange range, SymbolKind kind, TypeId type,
                       bool isMutable);
  Symbol* lookup(std::string_view name);

  // statements; the bool result: can the statement complete normally?
  bool checkBlock(Block* block, bool newScope = true);
  bool checkStatement(Stmt* statement);
  void checkLet(Stmt* statement);
  void checkAssign(Stmt* statement);
  bool checkIf(Stmt* statement);
  void checkFor(Stmt* statement);
  void checkReturn(Stmt* statement);
  void checkCondition(Expr* condition);

  // expressions
  void check(Expr* expr, TypeId expected = ir::kNoType);
  void checkName(Expr* expr);
  void checkUnary(Expr* expr, TypeId expected);
  void checkBinary(Expr* expr, TypeId expected);
  void checkShift(Expr* expr, TypeId expected);
  void checkComparison(Expr* expr);
  void checkPointerArithmetic(Expr* expr);
  void checkCall(Expr* expr);
  void checkIndex(Expr* expr);
  void checkField(Expr* expr);
  void checkCast(Expr* expr);
  void checkStructLiteral(Expr* expr);
  void checkArrayLiteral(Expr* expr);
  void checkIntrinsic(Expr* expr, TypeId expected);
  void foldUntypedBinary(Expr* expr);
  void foldTypedBinary(Expr* expr);
  void foldTypedUnary(Expr* expr);
  void poison(Expr* expr) {
    expr->sema.type = kErrorType;
    expr->sema.isConstant = false;
  }

  // conversions
  bool convertTo(Expr* expr, TypeId target, bool report = true);
  void defaultType(Expr* expr);  // untyped -> i64 / f64
  bool fitsInteger(TypeId type, __int128 value) const;
  void requireValue(Expr* expr);

  // places
  bool isPlace(Expr* expr) const;
  Symbol* placeRoot(Expr* expr, bool& throughPointer) const;
};

std::string Sema::typeName(TypeId type) const {
  switch (type) {
    case kErrorType: return "<error>";
    case kUntypedIntType: return "integer constant";
    case kUntypedFloatType: return "float constant";
    case kNullType: return "null";
    default: return types_.name(type);
  }
}

// ---------------------------------------------------------------- driver

CheckedProgram Sema::run(const std::vector<FileAst>& files) {
  for (const FileAst& file : files)
    for (Decl* decl : file.decls) declareGlobal(decl);
  for (const FileAst& file : files) {
    for (Decl* decl : file.decls) {
      if (!decl->symbol) continue;
      ensureSymbol(decl->symbol);
    }
  }
  AnalysisListener* listener = sink_.hasErrors() ? nullptr : listener_;
  if (listener) listener->declarationsResolved(program_);
  if (!sink_.hasErrors()) bodies_.begin(files, program_.functions);
  for (Decl* decl : program_.functions) {
    const bool deferred = decl->bodyDeferred && !decl->body;
    if (deferred) {
      // Any report while parsing a body (or any error before) means the
      // caller parses everything again in place, for the diagnostics' order:
      // no need to go on.
      if (sink_.hasErrors()) {
        program_.reparseWithoutDeferring = true;
        break;
      }
      bool clean = false;
      decl->body = bodies_.take(localArena_, clean);
      if (!clean) {
        decl->body = nullptr;
        localArena_ = &arena_;
        program_.reparseWithoutDeferring = true;
        break;
      }
    }
    checkFunctionBody(decl);
    localArena_ = &arena_;
    if (listener && sink_.hasErrors()) listener = nullptr;
    if (listener) listener->functionChecked(decl);
    if (deferred) decl->body = nullptr;  // its memory is the next body's
  }
  if (program_.reparseWithoutDeferring) return program_;
  Symbol* main = global("main");
  if (!main && !sink_.hasErrors()) {
    Diagnostic missing{Severity::Error, {}, "program has no 'main' function", {}};
    if (!files.empty()) missing.range = {files.front().file, 0, 0};
    sink_.error(missing.range, missing.message);
  } else if (main && main->kind != SymbolKind::Function) {
    error(main->range, "'main' must be a function");
  }
  return program_;
}

void Sema::declareGlobal(Decl* decl) {
  Symbol* symbol = arena_.make<Symbol>();
  symbol->name = decl->name;
  symbol->range = decl->nameRange;
  symbol->decl = decl;
  switch (decl->kind) {
    case DeclKind::Function: symbol->kind = SymbolKind::Function; break;
    case DeclKind::Extern: symbol->kind = SymbolKind::Extern; break;
    case DeclKind::Struct: symbol->kind = SymbolKind::Struct; break;
    case DeclKind::Const: symbol->kind = SymbolKind::Const; break;
    case DeclKind::Global: symbol->kind = SymbolKind::Global; break;
  }
  symbol->isMutable = decl->kind == DeclKind::Global && decl->isMutable;
  decl->symbol = symbol;
  if (decl->name == "_") {
    error(decl->nameRange, "'_' cannot name a declaration at the top level");
    decl->symbol = nullptr;
    return;
  }
  static const char* const kReserved[] = {"i8",  "i16", "i32",  "i64", "u8",  "u16",
                                          "u32", "u64", "bool", "f64", "void"};
  // Builtin type names are not keywords: a function may be called `f64`
  // (value context), but a struct of that name could never be named as a type.
  for (const char* reserved : kReserved)
    if (decl->kind == DeclKind::Struct && decl->name == reserved) {
      error(decl->nameRange, "cannot redefine built-in type '" + std::string(reserved) + "'");
      decl->symbol = nullptr;
      return;
    }
  Symbol*& declared = names_[decl->name].global;
  if (declared) {
    error(decl->nameRange, "redefinition of " + quoted(decl->name));
    decl->symbol = nullptr;
    return;
  }
  declared = symbol;
  switch (decl->kind) {
    case DeclKind::Function: program_.functions.push_back(decl); break;
    case DeclKind::Extern: program_.externs.push_back(decl); break;
    case DeclKind::Struct:
      program_.structs.push_back(decl);
      symbol->type = types_.declareStruct(std::string(decl->name));
      structSymbols_[symbol->type] = symbol;
      break;
    case DeclKind::Const: program_.consts.push_back(decl); break;
    case DeclKind::Global: program_.globals.push_back(decl); break;
  }
}

void Sema::ensureSymbol(Symbol* symbol) {
  switch (symbol->kind) {
    case SymbolKind::Struct: ensureStruct(symbol); break;
    case SymbolKind::Const: ensureConst(symbol); break;
    case SymbolKind::Global: ensureGlobal(symbol); break;
    case SymbolKind::Function:
    case SymbolKind::Extern: ensureSignature(symbol); break;
    default: break;
  }
}

// ---------------------------------------------------------------- types

TypeId Sema::functionType(const std::vector<TypeId>& params, TypeId result, bool variadic) {
  std::string& key = functionTypeKey_;
  key.assign(1 + sizeof(TypeId) * (params.size() + 1), '\0');
  key[0] = variadic ? 1 : 0;
  std::memcpy(key.data() + 1, &result, sizeof(TypeId));
  if (!params.empty())
    std::memcpy(key.data() + 1 + sizeof(TypeId), params.data(), sizeof(TypeId) * params.size());
  if (auto known = functionTypes_.find(key); known != functionTypes_.end()) return known->second;
  TypeId id = types_.function(params, result, variadic);
  functionTypes_.emplace(key, id);
  return id;
}

TypeId Sema::resolveType(TypeExpr* type, bool allowVoid) {
  if (!type) return kErrorType;
  switch (type->kind) {
    case TypeExprKind::Named: {
      if (TypeId id = builtinType(type->name); id != ir::kNoType) {
        if (id == TypeTable::kVoid && !allowVoid) {
          error(type->range, "'void' is only allowed as a function result type");
          return kErrorType;
        }
        return id;
      }
      Symbol* named = global(type->name);
      if (!named) {
        error(type->range, "unknown type " + quoted(type->name));
        return kErrorType;
      }
      if (named->kind != SymbolKind::Struct) {
        error(type->range, quoted(type->name) + " is not a type");
        return kErrorType;
      }
      return named->type;
    }
    case TypeExprKind::Pointer: {
      TypeId pointee = resolveType(type->inner);
      return isError(pointee) ? kErrorType : types_.pointerTo(pointee);
    }
    case TypeExprKind::Array: {
      uint64_t count = 0;
      bool lengthOk = evaluateLength(type->length, count);
      TypeId element = resolveType(type->inner);
      if (!lengthOk || isError(element)) return kErrorType;
      if (types_.get(element).kind == TypeKind::Struct) {
        ensureStruct(structSymbols_.at(element));
        if (!types_.get(element).complete) return kErrorType;
      }
      uint64_t elementSize = types_.get(element).size;
      if (elementSize && count > (uint64_t{1} << 40) / elementSize) {
        error(type->range, "array type " + typeName(element) + " is too large");
        return kErrorType;
      }
      return types_.arrayOf(count, element);
    }
    case TypeExprKind::Function: {
      std::vector<TypeId> params;
      bool ok = true;
      for (TypeExpr* param : type->params) {
        TypeId id = resolveType(param);
        ok = ok && !isError(id);
        params.push_back(id);
      }
      TypeId result = type->inner ? resolveType(type->inner, true) : TypeTable::kVoid;
      if (!ok || isError(result)) return kErrorType;
      return functionType(params, result);
    }
  }
  return kErrorType;
}

bool Sema::evaluateLength(Expr* length, uint64_t& count) {
  check(length);
  if (isError(length->sema.type)) return false;
  if (!length->sema.isConstant ||
      !(length->sema.untyped == Untyped::Int || isInteger(length->sema.type))) {
    error(length->range, "array length must be a constant integer expression");
    return false;
  }
  __int128 value = length->sema.intValue;
  if (value < 0) {
    error(length->range, "array length must not be negative, found " + int128Text(value));
    return false;
  }
  if (value > (static_cast<__int128>(1) << 40)) {
    error(length->range, "array length " + int128Text(value) + " is too large");
    return false;
  }
  count = static_cast<uint64_t>(value);
  return true;
}

// Struct layout on first use; a struct that contains itself by value has no size.
void Sema::ensureStruct(Symbol* symbol) {
  if (symbol->state == 2) return;
  if (symbol->state == 1) {
    error(symbol->range, "struct " + quoted(symbol->name) + " contains itself");
    return;
  }
  symbol->state = 1;
  std::vector<ir::StructField> fields;
  bool ok = true;
  Decl* decl = symbol->decl;
  for (uint32_t i = 0; i < decl->params.count; ++i) {
    Param& field = decl->params[i];
    for (uint32_t j = 0; j < i; ++j)
      if (decl->params[j].name == field.name) {
        error(field.nameRange,
              "duplicate field " + quoted(field.name) + " in struct " + quoted(symbol->name));
        ok = false;
      }
    TypeId type = resolveType(field.type);
    if (!isError(type) && types_.get(type).kind == TypeKind::Struct) {
      Symbol* other = structSymbols_.at(type);
      if (other->state == 1) {
        error(field.type->range, "struct " + quoted(other->name) + " contains itself");
        type = kErrorType;
      } else {
        ensureStruct(other);
      }
      if (!isError(type) && !types_.get(type).complete) type = kErrorType;
    }
    if (isError(type)) ok = false;
    fields.push_back({std::string(field.name), isError(type) ? TypeTable::kU8 : type, 0});
  }
  types_.setStructFields(symbol->type, std::move(fields));
  symbol->state = 2;
  (void)ok;
}

void Sema::ensureConst(Symbol* symbol) {
  if (symbol->state == 2) return;
  Decl* decl = symbol->decl;
  if (symbol->state == 1) {
    error(symbol->range, "constant " + quoted(symbol->name) + " depends on itself");
    symbol->type = kErrorType;
    return;
  }
  symbol->state = 1;
  TypeId declared = decl->typeExpr ? resolveType(decl->typeExpr) : ir::kNoType;
  symbol->type = kErrorType;
  if (decl->value) {
    check(decl->value, declared);
    Expr* value = decl->value;
    if (!isError(value->sema.type) && !isError(declared)) {
      if (declared != ir::kNoType) convertTo(value, declared);
      if (isError(value->sema.type)) {
      } else if (!value->sema.isConstant) {
        error(value->range,
              "initializer of constant " + quoted(symbol->name) + " is not a constant expression");
      } else if (value->sema.untyped == Untyped::None &&
                 !(isInteger(value->sema.type) || value->sema.type == TypeTable::kBool ||
                   value->sema.type == TypeTable::kF64)) {
        error(value->range, "a constant must have an integer, bool or f64 type, not " +
                                typeName(value->sema.type));
      } else {
        symbol->type = value->sema.type;
        symbol->untyped = value->sema.untyped;
        symbol->intValue = value->sema.intValue;  // (and floatValue: they share storage)
      }
    }
  }
  symbol->state = 2;
}

void Sema::ensureGlobal(Symbol* symbol) {
  if (symbol->state == 2) return;
  if (symbol->state == 1) {
    error(symbol->range, "initializer of global " + quoted(symbol->name) + " depends on itself");
    symbol->type = kErrorType;
    return;
  }
  symbol->state = 1;
  Decl* decl = symbol->decl;
  TypeId declared = decl->typeExpr ? resolveType(decl->typeExpr) : ir::kNoType;
  symbol->type = declared == ir::kNoType ? kErrorType : declared;
  if (decl->value) {
    bool saved = inGlobalInitializer_;
    inGlobalInitializer_ = true;
    check(decl->value, isError(declared) ? ir::kNoType : declared);
    inGlobalInitializer_ = saved;
    Expr* value = decl->value;
    if (isError(declared)) {
    } else if (declared != ir::kNoType) {
      convertTo(value, declared);
    } else {
      requireValue(value);
      if (value->sema.type == kNullType) {
        error(value->range, "cannot infer a type from 'null'; add a type");
        poison(value);
      }
      defaultType(value);
      symbol->type = value->sema.type;
    }
    if (!isError(value->sema.type) && !isConstantInitializer(value))
      error(value->range,
            "initializer of global " + quoted(symbol->name) + " must be a constant expression");
  } else if (declared == ir::kNoType) {
    error(decl->nameRange, "global " + quoted(symbol->name) + " needs a type or an initializer");
  }
  symbol->state = 2;
}

// Spec §4: untyped and typed constants, null, string literals, function
// names, &global, and struct and array literals built from those.
bool Sema::isConstantInitializer(Expr* expr) {
  if (expr->sema.isConstant) return true;
  switch (expr->kind) {
    case ExprKind::Null:
    case ExprKind::StringLiteral: return true;
    case ExprKind::Paren: return isConstantInitializer(expr->left);
    case ExprKind::Name:
      return expr->sema.symbol && (expr->sema.symbol->kind == SymbolKind::Function ||
                                   expr->sema.symbol->kind == SymbolKind::Extern);
    case ExprKind::Unary: {
      if (expr->unaryOp != UnaryOp::AddressOf) return false;
      Expr* place = expr->left;
      while (place->kind == ExprKind::Paren) place = place->left;
      return place->kind == ExprKind::Name && place->sema.symbol &&
             place->sema.symbol->kind == SymbolKind::Global;
    }
    case ExprKind::Cast:
      return (isPointer(expr->sema.type) || isInteger(expr->sema.type)) &&
             (isPointer(expr->left->sema.type) || isFunction(expr->left->sema.type)) &&
             isConstantInitializer(expr->left);
    case ExprKind::StructLiteral:
      for (FieldInit& field : expr->fields)
        if (!isConstantInitializer(field.value)) return false;
      return true;
    case ExprKind::ArrayLiteral:
      for (Expr* element : expr->arguments)
        if (!isConstantInitializer(element)) return false;
      return true;
    default: return false;
  }
}

void Sema::checkAttributes(Decl* decl) {
  for (Attribute& attribute : decl->attributes) {
    if (attribute.name != "noinline" && attribute.name != "inline" && attribute.name != "export")
      error(attribute.range, "unknown attribute '." + std::string(attribute.name) + "'");
  }
}

void Sema::ensureSignature(Symbol* symbol) {
  if (symbol->state == 2) return;
  symbol->state = 2;
  Decl* decl = symbol->decl;
  if (decl->kind == DeclKind::Function) checkAttributes(decl);
  std::vector<TypeId> params;
  params.reserve(decl->params.count);  // one malloc, not one per doubling
  bool ok = true;
  for (uint32_t i = 0; i < decl->params.count; ++i) {
    Param& param = decl->params[i];
    for (uint32_t j = 0; j < i; ++j)
      if (param.name != "_" && decl->params[j].name == param.name)
        error(param.nameRange, "duplicate parameter " + quoted(param.name));
    TypeId type = resolveType(param.type);
    ok = ok && !isError(type);
    if (decl->kind == DeclKind::Extern && isAggregate(type)) {
      // C structs by value would need the full classification on both sides; keep to scalars.
    }
    params.push_back(type);
  }
  TypeId result = decl->resultType ? resolveType(decl->resultType, true) : TypeTable::kVoid;
  if (!ok || isError(result)) {
    symbol->type = kErrorType;
    return;
  }
  symbol->type = functionType(params, result, decl->variadic);
  if (decl->kind == DeclKind::Function && decl->name == "main") checkMain(decl);
}

void Sema::checkMain(Decl* decl) {
  const ir::Type& type = types_.get(decl->symbol->type);
  bool ok = type.result == TypeTable::kI32;
  if (type.params.size() == 2) {
    ok = ok && type.params[0] == TypeTable::kI32 &&
         type.params[1] == types_.pointerTo(types_.pointerTo(TypeTable::kU8));
  } else if (!type.params.empty()) {
    ok = false;
  }
  if (!ok)
    error(decl->nameRange,
          "'main' must be 'fn main(): i32' or 'fn main(argc: i32, argv: **u8): i32', found " +
              typeName(decl->symbol->type));
}

// ---------------------------------------------------------------- scopes

void Sema::popScope() {
  for (size_t i = scopeStarts_.back(); i < scopeSymbols_.size(); ++i) {
    Symbol* symbol = scopeSymbols_[i];
    scopeStacks_[i]->pop_back();
    if (!symbol->used && symbol->kind == SymbolKind::Local)
      sink_.warning(symbol->range, "unused variable " + quoted(symbol->name));
  }
  scopeSymbols_.resize(scopeStarts_.back());
  scopeStacks_.resize(scopeStarts_.back());
  scopeStarts_.pop_back();
}

Symbol* Sema::declareLocal(std::string_view name, SourceRange range, SymbolKind kind, TypeId type,
                           bool isMutable) {
  Symbol* symbol = localArena_->make<Symbol>();
  symbol->kind = kind;
  symbol->name = name;
  symbol->range = range;
  symbol->type = type;
  symbol->isMutable = isMutable;
  if (name == "_") {
    symbol->used = true;
    return symbol;  // declares nothing
  }
  for (size_t i = scopeStarts_.back(); i < scopeSymbols_.size(); ++i)
    if (scopeSymbols_[i]->name == name) {
      error(range, "redeclaration of " + quoted(name) + " in the same block");
      symbol->used = true;
      return symbol;
    }
  scopeSymbols_.push_back(symbol);
  std::vector<Symbol*>& stack = names_[name].locals;
  stack.push_back(symbol);
  scopeStacks_.push_back(&stack);
  return symbol;
}

Symbol* Sema::lookup(std::string_view name) {
  const NameEntry* entry = names_.find(name);
  if (entry == nullptr) return nullptr;
  return entry->locals.empty() ? entry->global : entry->locals.back();
}

// ---------------------------------------------------------------- statements

void Sema::checkFunctionBody(Decl* decl) {
  Symbol* symbol = decl->symbol;
  if (!symbol || isError(symbol->type)) return;
  function_ = decl;
  const ir::Type& type = types_.get(symbol->type);
  functionResult_ = type.result;
  const std::vector<TypeId>& params = type.params;  // (Type objects never move: chunked table)
  pushScope();
  for (uint32_t i = 0; i < decl->params.count; ++i) {
    Param& param = decl->params[i];
    param.symbol = declareLocal(param.name, param.nameRange, SymbolKind::Param, params[i], false);
  }
  bool completes = checkBlock(decl->body);
  if (completes && functionResult_ != TypeTable::kVoid && !decl->hadSyntaxError)
    error({decl->body->range.file, decl->body->range.end > 0 ? decl->body->range.end - 1 : 0,
           decl->body->range.end},
          "function " + quoted(decl->name) +
              " can reach its end without returning a value of type " + typeName(functionResult_));
  for (size_t i = scopeStarts_.back(); i < scopeSymbols_.size(); ++i)
    scopeSymbols_[i]->used = true;  // no warnings for parameters
  popScope();
  function_ = nullptr;
}

bool Sema::checkBlock(Block* block, bool newScope) {
  if (newScope) pushScope();
  bool completes = true, warned = false;
  for (Stmt* statement : block->statements) {
    if (!completes && !warned) {
      sink_.warning(statement->range, "unreachable code");
      warned = true;
    }
    if (!checkStatement(statement)) completes = false;
  }
  if (newScope) popScope();
  return completes;
}

bool isTrapCall(Expr* expr) {
  return expr && expr->kind == ExprKind::Intrinsic && expr->text == "trap";
}

bool Sema::checkStatement(Stmt* statement) {
  switch (statement->kind) {
    case StmtKind::Let: checkLet(statement); return true;
    case StmtKind::Expr: {
      Expr* expr = statement->value;
      check(expr);
      if (expr->sema.untyped != Untyped::None) defaultType(expr);
      if (expr->sema.type == kNullType) expr->sema.type = types_.pointerTo(TypeTable::kU8);
      ExprKind kind = expr->kind;
      if (kind != ExprKind::Call && kind != ExprKind::Intrinsic && kind != ExprKind::Error &&
          !isError(expr->sema.type))
        sink_.warning(expr->range, "expression result is unused");
      return !isTrapCall(expr);
    }
    case StmtKind::Assign: checkAssign(statement); return true;
    case StmtKind::If: return checkIf(statement);
    case StmtKind::While:
      checkCondition(statement->value);
      loops_.push_back(statement);
      checkBlock(statement->body);
      loops_.pop_back();
      return true;
    case StmtKind::Loop:
      loops_.push_back(statement);
      checkBlock(statement->body);
      loops_.pop_back();
      return statement->hasBreak;
    case StmtKind::For: checkFor(statement); return true;
    case StmtKind::Break:
    case StmtKind::Continue:
      if (loops_.empty()) {
        error(statement->range,
              std::string(statement->kind == StmtKind::Break ? "'break'" : "'continue'") +
                  " outside of a loop");
        return true;
      }
      statement->loopTarget = loops_.back();
      if (statement->kind == StmtKind::Break) loops_.back()->hasBreak = true;
      return false;
    case StmtKind::Return: checkReturn(statement); return false;
    case StmtKind::Block: return checkBlock(statement->body);
    case StmtKind::Error: return true;
  }
  return true;
}

void Sema::checkLet(Stmt* statement) {
  TypeId declared = statement->typeExpr ? resolveType(statement->typeExpr) : ir::kNoType;
  TypeId type = declared;
  if (statement->value) {
    Expr* value = statement->value;
    check(value, isError(declared) ? ir::kNoType : declared);
    if (isError(declared)) {
      type = kErrorType;
    } else if (declared != ir::kNoType) {
      convertTo(value, declared);
    } else {
      requireValue(value);
      if (value->sema.type == kNullType) {
        error(value->range, "cannot infer a type from 'null'; add a type");
        poison(value);
      }
      defaultType(value);
      type = value->sema.type;
    }
  } else if (declared == ir::kNoType) {
    error(statement->nameRange,
          "variable " + quoted(statement->name) + " needs a type or an initializer");
    type = kErrorType;
  }
  // The initializer is checked before the name is in scope (spec §4).
  statement->symbol = declareLocal(statement->name, statement->nameRange, SymbolKind::Local, type,
                                   statement->isMutable);
  if (isError(type) || (statement->value && isError(statement->value->sema.type)))
    statement->symbol->used = true;  // no second message about a broken declaration
}

Symbol* Sema::placeRoot(Expr* expr, bool& throughPointer) const {
  switch (expr->kind) {
    case ExprKind::Paren: return placeRoot(expr->left, throughPointer);
    case ExprKind::Name: return expr->sema.symbol;
    case ExprKind::Field:
    case ExprKind::Index:
      if (expr->sema.throughPointer) {
        throughPointer = true;
        return nullptr;
      }
      return placeRoot(expr->left, throughPointer);
    case ExprKind::Deref: throughPointer = true; return nullptr;
    default: return nullptr;
  }
}

bool Sema::isPlace(Expr* expr) const {
  switch (expr->kind) {
    case ExprKind::Paren: return isPlace(expr->left);
    case ExprKind::Name: {
      Symbol* symbol = expr->sema.symbol;
      return symbol && (symbol->kind == SymbolKind::Local || symbol->kind == SymbolKind::Param ||
                        symbol->kind == SymbolKind::Global);
    }
    case ExprKind::Field:
    case ExprKind::Index: return expr->sema.throughPointer || isPlace(expr->left);
    case ExprKind::Deref: return true;
    default: return false;
  }
}

void Sema::checkAssign(Stmt* statement) {
  Expr* target = statement->target;
  check(target);
  TypeId type = target->sema.type;
  if (isError(type)) {
    check(statement->value);
    return;
  }
  bool throughPointer = false;
  Symbol* root = placeRoot(target, throughPointer);
  if (!isPlace(target)) {
    Symbol* symbol = target->kind == ExprKind::Name ? target->sema.symbol : nullptr;
    if (symbol && symbol->kind == SymbolKind::Const)
      error(target->range, "cannot assign to constant " + quoted(symbol->name));
    else if (symbol && (symbol->kind == SymbolKind::Function || symbol->kind == SymbolKind::Extern))
      error(target->range, "cannot assign to function " + quoted(symbol->name));
    else
      error(target->range, "left side of assignment is not a place that can be assigned");
    check(statement->value);
    return;
  }
  if (!throughPointer && root && !root->isMutable) {
    error(target->range,
          std::string(root->kind == SymbolKind::Param ? "cannot assign to parameter "
                                                      : "cannot assign to immutable variable ") +
              quoted(root->name));
  }
  Expr* value = statement->value;
  if (!statement->compound) {
    check(value, type);
    convertTo(value, type);
    return;
  }
  BinaryOp op = statement->assignOp;
  if (op == BinaryOp::Shl || op == BinaryOp::Shr) {
    check(value);
    if (!isInteger(type) && !isError(type))
      error(target->range, "shift requires an integer left operand, found " + typeName(type));
    if (value->sema.untyped == Untyped::Int && value->sema.intValue < 0)
      error(value->range, "negative shift count " + int128Text(value->sema.intValue));
    if (value->sema.untyped != Untyped::None)
      convertTo(value, TypeTable::kI64);
    else if (!isError(value->sema.type) && !isInteger(value->sema.type))
      error(value->range, "shift count must be an integer, found " + typeName(value->sema.type));
    return;
  }
  if (isPointer(type) && (op == BinaryOp::Add || op == BinaryOp::Sub)) {
    check(value);
    if (value->sema.untyped != Untyped::None)
      convertTo(value, TypeTable::kI64);
    else if (!isError(value->sema.type) && !isInteger(value->sema.type))
      error(value->range,
            "pointer arithmetic needs an integer, found " + typeName(value->sema.type));
    return;
  }
  check(value, type);
  convertTo(value, type);
  bool integerOp = isInteger(type);
  bool floatOp = type == TypeTable::kF64 && op != BinaryOp::Rem && op != BinaryOp::BitAnd &&
                 op != BinaryOp::BitOr && op != BinaryOp::BitXor;
  bool boolOp = type == TypeTable::kBool &&
                (op == BinaryOp::BitAnd || op == BinaryOp::BitOr || op == BinaryOp::BitXor);
  if (!integerOp && !floatOp && !boolOp)
    error(statement->target->range,
          "compound assignment is not defined for type " + typeName(type));
  if (integerOp && (op == BinaryOp::Div || op == BinaryOp::Rem) && value->sema.isConstant &&
      value->sema.intValue == 0)
    sink_.warning(value->range, "division by zero traps at run time");
}

void Sema::checkCondition(Expr* condition) {
  check(condition, TypeTable::kBool);
  TypeId type = condition->sema.type;
  if (isError(type)) return;
  if (type != TypeTable::kBool) {
    error(condition->range, "condition must be bool, found " + typeName(type));
    poison(condition);
  }
}

bool Sema::checkIf(Stmt* statement) {
  checkCondition(statement->value);
  bool thenCompletes = checkBlock(statement->body);
  if (!statement->elseBranch) return true;
  bool elseCompletes = checkStatement(statement->elseBranch);
  return thenCompletes || elseCompletes;
}

void Sema::checkFor(Stmt* statement) {
  Expr* start = statement->value;
  Expr* end = statement->target;
  check(start);
  check(end, start->sema.untyped == Untyped::None ? start->sema.type : ir::kNoType);
  TypeId type = kErrorType;
  if (!isError(start->sema.type) && !isError(end->sema.type)) {
    if (start->sema.untyped != Untyped::None && end->sema.untyped != Untyped::None) {
      convertTo(start, TypeTable::kI64);
      convertTo(end, TypeTable::kI64);
    } else if (start->sema.untyped != Untyped::None) {
      convertTo(start, end->sema.type);
    } else {
      convertTo(end, start->sema.type);
    }
    type = start->sema.type;
    if (!isError(type) && !isError(end->sema.type) && !isInteger(type)) {
      error(start->range, "range bounds must be integers, found " + typeName(type));
      type = kErrorType;
    }
    if (isError(end->sema.type)) type = kErrorType;
  }
  pushScope();
  statement->symbol =
      declareLocal(statement->name, statement->nameRange, SymbolKind::Local, type, false);
  statement->symbol->used = true;  // a loop counter need not be read
  loops_.push_back(statement);
  checkBlock(statement->body);
  loops_.pop_back();
  popScope();
}

void Sema::checkReturn(Stmt* statement) {
  Expr* value = statement->value;
  if (functionResult_ == TypeTable::kVoid) {
    if (value) {
      check(value);
      error(value->range, "function " + quoted(function_->name) + " returns no value");
    }
    return;
  }
  if (!value) {
    error(statement->range, "function " + quoted(function_->name) +
                                " must return a value of type " + typeName(functionResult_));
    return;
  }
  check(value, functionResult_);
  convertTo(value, functionResult_);
}

// ---------------------------------------------------------------- conversions

bool Sema::fitsInteger(TypeId type, __int128 value) const {
  unsigned width = types_.bitWidth(type);
  if (types_.isSigned(type)) {
    __int128 limit = static_cast<__int128>(1) << (width - 1);
    return value >= -limit && value < limit;
  }
  return value >= 0 && value < (static_cast<__int128>(1) << width);
}

void Sema::requireValue(Expr* expr) {
  if (expr->sema.type == TypeTable::kVoid) {
    error(expr->range, "expression has no value (its type is void)");
    poison(expr);
  }
}

void Sema::defaultType(Expr* expr) {
  if (expr->sema.untyped == Untyped::Int)
    convertTo(expr, TypeTable::kI64);
  else if (expr->sema.untyped == Untyped::Float)
    convertTo(expr, TypeTable::kF64);
}

// Gives `expr` the type `target` (spec §6): untyped constants are range
// checked, null becomes any pointer, otherwise the types must be identical.
bool Sema::convertTo(Expr* expr, TypeId target, bool report) {
  ExprSema& sema = expr->sema;
  if (isError(sema.type) || isError(target)) return false;
  if (sema.untyped == Untyped::Int) {
    if (isInteger(target)) {
      if (!fitsInteger(target, sema.intValue)) {
        if (report)
          error(expr->range,
                "constant " + int128Text(sema.intValue) + " does not fit in " + typeName(target));
        poison(expr);
        return false;
      }
      sema.untyped = Untyped::None;
      sema.type = target;
      return true;
    }
    if (target == TypeTable::kF64) {
      sema.untyped = Untyped::None;
      sema.type = target;
      sema.floatValue = static_cast<double>(sema.intValue);
      return true;
    }
  } else if (sema.untyped == Untyped::Float) {
    if (target == TypeTable::kF64) {
      sema.untyped = Untyped::None;
      sema.type = target;
      return true;
    }
    if (isInteger(target)) {
      if (report) error(expr->range, "float constant cannot be used as " + typeName(target));
      poison(expr);
      return false;
    }
  } else if (sema.type == kNullType && isPointer(target)) {
    sema.type = target;
    return true;
  } else if (sema.type == target) {
    return true;
  }
  if (report) {
    if (sema.type == TypeTable::kVoid)
      error(expr->range, "expression has no value (its type is void)");
    else
      error(expr->range,
            "mismatched types: expected " + typeName(target) + ", found " + typeName(sema.type));
  }
  poison(expr);
  return false;
}

// ---------------------------------------------------------------- expressions

void Sema::check(Expr* expr, TypeId expected) {
  prefetchAhead(expr);
  ExprSema& sema = expr->sema;
  bool asCallee = calleeContext_;  // applies to this node (and a parenthesized name) only
  calleeContext_ = false;
  switch (expr->kind) {
    case ExprKind::Error: sema.type = kErrorType; return;
    case ExprKind::IntLiteral:
      sema.untyped = Untyped::Int;
      sema.type = kUntypedIntType;
      sema.isConstant = true;
      return;
    case ExprKind::FloatLiteral:
      sema.untyped = Untyped::Float;
      sema.type = kUntypedFloatType;
      sema.isConstant = true;
      return;
    case ExprKind::CharLiteral:
      sema.type = TypeTable::kU8;
      sema.isConstant = true;
      return;
    case ExprKind::BoolLiteral:
      sema.type = TypeTable::kBool;
      sema.isConstant = true;
      return;
    case ExprKind::StringLiteral: sema.type = types_.pointerTo(TypeTable::kU8); return;
    case ExprKind::Null: sema.type = kNullType; return;
    case ExprKind::Name:
      calleeContext_ = asCallee;
      checkName(expr);
      calleeContext_ = false;
      return;
    case ExprKind::Paren: {
      calleeContext_ = asCallee;
      check(expr->left, expected);
      copyFreshSema(sema, expr->left->sema);
      return;
    }
    case ExprKind::Unary: checkUnary(expr, expected); return;
    case ExprKind::Binary: checkBinary(expr, expected); return;
    case ExprKind::Call: checkCall(expr); return;
    case ExprKind::Index: checkIndex(expr); return;
    case ExprKind::Field: checkField(expr); return;
    case ExprKind::Deref: {
      check(expr->left);
      TypeId base = expr->left->sema.type;
      if (isError(base)) return poison(expr);
      if (!isPointer(base)) {
        error(expr->range, "cannot dereference a value of type " + typeName(base));
        return poison(expr);
      }
      sema.type = types_.get(base).element;
      return;
    }
    case ExprKind::Cast: checkCast(expr); return;
    case ExprKind::StructLiteral: checkStructLiteral(expr); return;
    case ExprKind::ArrayLiteral: checkArrayLiteral(expr); return;
    case ExprKind::Intrinsic: checkIntrinsic(expr, expected); return;
  }
}

void Sema::checkName(Expr* expr) {
  ExprSema& sema = expr->sema;
  if (expr->text == "_") {
    error(expr->range, "'_' cannot be used as a value");
    return poison(expr);
  }
  Symbol* symbol = lookup(expr->text);
  if (!symbol) {
    error(expr->range, "undeclared identifier " + quoted(expr->text));
    return poison(expr);
  }
  sema.symbol = symbol;
  symbol->used = true;
  ensureSymbol(symbol);
  switch (symbol->kind) {
    case SymbolKind::Struct:
      error(expr->range, "struct " + quoted(symbol->name) + " is a type, not a value");
      return poison(expr);
    case SymbolKind::Const:
      sema.type = symbol->type;
      if (isError(symbol->type)) return poison(expr);
      sema.isConstant = true;
      sema.untyped = symbol->untyped;
      if (symbol->untyped == Untyped::Int) sema.type = kUntypedIntType;
      if (symbol->untyped == Untyped::Float) sema.type = kUntypedFloatType;
      sema.intValue = symbol->intValue;  // (and floatValue: they share storage)
      return;
    case SymbolKind::Extern:
      if (!calleeContext_ && !isError(symbol->type) && types_.get(symbol->type).variadic) {
        error(expr->range, "variadic extern " + quoted(symbol->name) +
                               " can only be called, not used as a value");
        return poison(expr);
      }
      sema.type = symbol->type;
      return;
    case SymbolKind::Global:
      if (inGlobalInitializer_) {
        // Reading another global's value is not constant; isConstantInitializer reports it.
      }
      sema.type = symbol->type;
      return;
    default: sema.type = symbol->type; return;
  }
}

void Sema::checkUnary(Expr* expr, TypeId expected) {
  ExprSema& sema = expr->sema;
  Expr* operand = expr->left;
  if (expr->unaryOp == UnaryOp::AddressOf) {
    check(operand);
    if (isError(operand->sema.type)) return poison(expr);
    Expr* place = operand;
    while (place->kind == ExprKind::Paren) place = place->left;
    Symbol* symbol = place->kind == ExprKind::Name ? place->sema.symbol : nullptr;
    if (symbol && symbol->kind == SymbolKind::Const) {
      error(expr->range, "cannot take the address of constant " + quoted(symbol->name));
      return poison(expr);
    }
    if (symbol && (symbol->kind == SymbolKind::Function || symbol->kind == SymbolKind::Extern)) {
      error(expr->range, "cannot take the address of function " + quoted(symbol->name) +
                             "; a function name is already a function value");
      return poison(expr);
    }
    if (!isPlace(operand)) {
      error(expr->range, "cannot take the address of a temporary value");
      return poison(expr);
    }
    bool throughPointer = false;
    if (Symbol* root = placeRoot(operand, throughPointer)) root->addressTaken = true;
    sema.type = types_.pointerTo(operand->sema.type);
    return;
  }
  check(operand, expected);
  TypeId type = operand->sema.type;
  if (isError(type)) return poison(expr);
  ExprSema& inner = operand->sema;
  if (inner.untyped != Untyped::None) {
    sema = inner;
    sema.symbol = nullptr;
    if (expr->unaryOp == UnaryOp::Negate) {
      if (inner.untyped == Untyped::Float)
        sema.floatValue = -inner.floatValue;
      else
        sema.intValue = -inner.intValue;
      return;
    }
    if (expr->unaryOp == UnaryOp::BitNot && inner.untyped == Untyped::Int) {
      sema.intValue = ~inner.intValue;
      return;
    }
    if (expr->unaryOp == UnaryOp::BitNot) {
      error(expr->range, "operator '~' requires an integer, found untyped float");
      return poison(expr);
    }
    error(expr->range, "operator '!' requires bool, found " + typeName(type));
    return poison(expr);
  }
  switch (expr->unaryOp) {
    case UnaryOp::Negate:
      if (!isInteger(type) && type != TypeTable::kF64) {
        error(expr->range, "operator '-' requires an integer or f64, found " + typeName(type));
        return poison(expr);
      }
      break;
    case UnaryOp::Not:
      if (type != TypeTable::kBool) {
        error(expr->range, "operator '!' requires bool, found " + typeName(type));
        return poison(expr);
      }
      break;
    case UnaryOp::BitNot:
      if (!isInteger(type)) {
        error(expr->range, "operator '~' requires an integer, found " + typeName(type));
        return poison(expr);
      }
      break;
    case UnaryOp::AddressOf: break;
  }
  sema.type = type;
  if (inner.isConstant) foldTypedUnary(expr);
}

void Sema::foldTypedUnary(Expr* expr) {
  ExprSema& sema = expr->sema;
  ExprSema& inner = expr->left->sema;
  sema.isConstant = true;
  switch (expr->unaryOp) {
    case UnaryOp::Negate:
      if (sema.type == TypeTable::kF64)
        sema.floatValue = -inner.floatValue;
      else
        sema.intValue = canonicalInteger(types_, sema.type, -inner.intValue);
      break;
    case UnaryOp::Not: sema.intValue = !inner.intValue; break;
    case UnaryOp::BitNot:
      sema.intValue = canonicalInteger(types_, sema.type, ~inner.intValue);
      break;
    case UnaryOp::AddressOf: sema.isConstant = false; break;
  }
}

const char* binaryOpText(BinaryOp op) {
  static const char* const kTexts[] = {"+", "-",  "*",  "/",  "%",  "<<", ">>", "&", "|",
                                       "^", "&&", "||", "==", "!=", "<",  "<=", ">", ">="};
  return kTexts[static_cast<int>(op)];
}

bool isComparison(BinaryOp op) { return op >= BinaryOp::Eq; }

void Sema::checkBinary(Expr* expr, TypeId expected) {
  BinaryOp op = expr->binaryOp;
  if (op == BinaryOp::Shl || op == BinaryOp::Shr) return checkShift(expr, expected);
  if (isComparison(op)) return checkComparison(expr);
  ExprSema& sema = expr->sema;
  Expr* left = expr->left;
  Expr* right = expr->right;
  if (op == BinaryOp::LogicalAnd || op == BinaryOp::LogicalOr) {
    check(left, TypeTable::kBool);
    check(right, TypeTable::kBool);
    bool ok = true;
    for (Expr* side : {left, right}) {
      if (isError(side->sema.type)) {
        ok = false;
      } else if (side->sema.type != TypeTable::kBool) {
        error(side->range, std::string("operator '") + binaryOpText(op) +
                               "' requires bool, found " + typeName(side->sema.type));
        ok = false;
      }
    }
    if (!ok) return poison(expr);
    sema.type = TypeTable::kBool;
    if (left->sema.isConstant && right->sema.isConstant) {
      sema.isConstant = true;
      sema.intValue = op == BinaryOp::LogicalAnd ? (left->sema.intValue && right->sema.intValue)
                                                 : (left->sema.intValue || right->sema.intValue);
    }
    return;
  }
  check(left, expected);
  if (isPointer(left->sema.type) && (op == BinaryOp::Add || op == BinaryOp::Sub))
    return checkPointerArithmetic(expr);
  check(right, left->sema.untyped == Untyped::None && !isError(left->sema.type) ? left->sema.type
                                                                                : expected);
  TypeId lt = left->sema.type, rt = right->sema.type;
  if (isError(lt) || isError(rt)) return poison(expr);
  if (isPointer(rt) && op == BinaryOp::Add) {
    error(expr->range, "the pointer must be the left operand of '+'");
    return poison(expr);
  }
  bool leftUntyped = left->sema.untyped != Untyped::None;
  bool rightUntyped = right->sema.untyped != Untyped::None;
  if (leftUntyped && rightUntyped) return foldUntypedBinary(expr);
  if (leftUntyped && !convertTo(left, rt)) return poison(expr);
  if (rightUntyped && !convertTo(right, lt)) return poison(expr);
  lt = left->sema.type;
  rt = right->sema.type;
  if (lt != rt) {
    error(expr->operatorRange(), "mismatched types: " + typeName(lt) + " and " + typeName(rt));
    return poison(expr);
  }
  bool bitwise = op == BinaryOp::BitAnd || op == BinaryOp::BitOr || op == BinaryOp::BitXor;
  bool ok = isInteger(lt) || (lt == TypeTable::kF64 && !bitwise && op != BinaryOp::Rem) ||
            (lt == TypeTable::kBool && bitwise);
  if (!ok) {
    error(expr->operatorRange(), std::string("operator '") + binaryOpText(op) +
                                     "' is not defined for type " + typeName(lt));
    return poison(expr);
  }
  sema.type = lt;
  if (left->sema.isConstant && right->sema.isConstant) foldTypedBinary(expr);
}

void Sema::checkPointerArithmetic(Expr* expr) {
  Expr* left = expr->left;
  Expr* right = expr->right;
  TypeId pointer = left->sema.type;
  check(right, expr->binaryOp == BinaryOp::Sub ? ir::kNoType : ir::kNoType);
  TypeId rt = right->sema.type;
  if (isError(rt)) return poison(expr);
  if (expr->binaryOp == BinaryOp::Sub && (isPointer(rt) || rt == kNullType)) {
    if (rt == kNullType) convertTo(right, pointer);
    if (right->sema.type != pointer) {
      error(expr->operatorRange(),
            "mismatched types: " + typeName(pointer) + " and " + typeName(right->sema.type));
      return poison(expr);
    }
    if (types_.get(types_.get(pointer).element).size == 0) {
      error(expr->range, "pointer difference of elements of size 0 (" + typeName(pointer) + ")");
      return poison(expr);
    }
    expr->sema.type = TypeTable::kI64;
    return;
  }
  if (right->sema.untyped != Untyped::None && !convertTo(right, TypeTable::kI64))
    return poison(expr);
  if (!isInteger(right->sema.type)) {
    error(right->range,
          "pointer arithmetic needs an integer offset, found " + typeName(right->sema.type));
    return poison(expr);
  }
  expr->sema.type = pointer;
}

void Sema::checkShift(Expr* expr, TypeId expected) {
  Expr* left = expr->left;
  Expr* right = expr->right;
  check(left, expected);
  check(right);
  if (isError(left->sema.type) || isError(right->sema.type)) return poison(expr);
  if (right->sema.untyped == Untyped::Int && right->sema.intValue < 0) {
    error(right->range, "negative shift count " + int128Text(right->sema.intValue));
    return poison(expr);
  }
  if (left->sema.untyped != Untyped::None && right->sema.untyped != Untyped::None)
    return foldUntypedBinary(expr);
  if (left->sema.untyped != Untyped::None) {
    TypeId context = isInteger(expected) ? expected : TypeTable::kI64;
    if (left->sema.untyped == Untyped::Float) {
      error(left->range, "shift requires an integer left operand, found untyped float");
      return poison(expr);
    }
    if (!convertTo(left, context)) return poison(expr);
  }
  if (right->sema.untyped != Untyped::None && !convertTo(right, TypeTable::kI64))
    return poison(expr);
  if (!isInteger(left->sema.type)) {
    error(left->range,
          "shift requires an integer left operand, found " + typeName(left->sema.type));
    return poison(expr);
  }
  if (!isInteger(right->sema.type)) {
    error(right->range, "shift count must be an integer, found " + typeName(right->sema.type));
    return poison(expr);
  }
  expr->sema.type = left->sema.type;
  if (left->sema.isConstant && right->sema.isConstant) foldTypedBinary(expr);
}

void Sema::checkComparison(Expr* expr) {
  Expr* left = expr->left;
  Expr* right = expr->right;
  BinaryOp op = expr->binaryOp;
  check(left);
  check(right, left->sema.untyped == Untyped::None && !isError(left->sema.type) &&
                       left->sema.type != kNullType
                   ? left->sema.type
                   : ir::kNoType);
  if (isError(left->sema.type) || isError(right->sema.type)) return poison(expr);
  bool leftUntyped = left->sema.untyped != Untyped::None;
  bool rightUntyped = right->sema.untyped != Untyped::None;
  expr->sema.type = TypeTable::kBool;
  if (leftUntyped && rightUntyped) return foldUntypedBinary(expr);
  if (leftUntyped && !convertTo(left, right->sema.type)) return poison(expr);
  if (rightUntyped && !convertTo(right, left->sema.type)) return poison(expr);
  TypeId lt = left->sema.type, rt = right->sema.type;
  if ((isFunction(lt) && rt == kNullType) || (isFunction(rt) && lt == kNullType)) {
    error(expr->range, "function values are never null and do not compare with 'null'");
    return poison(expr);
  }
  if (lt == kNullType && isPointer(rt)) convertTo(left, rt);
  if (rt == kNullType && isPointer(lt)) convertTo(right, lt);
  lt = left->sema.type;
  rt = right->sema.type;
  if (lt == kNullType && rt == kNullType) {
    lt = rt = types_.pointerTo(TypeTable::kU8);
    left->sema.type = right->sema.type = lt;
  }
  if (lt != rt) {
    error(expr->operatorRange(), "mismatched types: " + typeName(lt) + " and " + typeName(rt));
    return poison(expr);
  }
  bool equality = op == BinaryOp::Eq || op == BinaryOp::Ne;
  bool ok = isInteger(lt) || lt == TypeTable::kF64 ||
            (equality && (lt == TypeTable::kBool || isPointer(lt) || isFunction(lt)));
  if (!ok) {
    error(expr->operatorRange(), std::string("operator '") + binaryOpText(op) +
                                     "' cannot compare values of type " + typeName(lt));
    return poison(expr);
  }
  if (left->sema.isConstant && right->sema.isConstant) foldTypedBinary(expr);
}

// Both operands untyped constants: exact integer math, or IEEE if either is float.
void Sema::foldUntypedBinary(Expr* expr) {
  ExprSema& sema = expr->sema;
  ExprSema& a = expr->left->sema;
  ExprSema& b = expr->right->sema;
  BinaryOp op = expr->binaryOp;
  sema.isConstant = true;
  bool isFloat = a.untyped == Untyped::Float || b.untyped == Untyped::Float;
  if (isFloat) {
    double x = a.untyped == Untyped::Float ? a.floatValue : static_cast<double>(a.intValue);
    double y = b.untyped == Untyped::Float ? b.floatValue : static_cast<double>(b.intValue);
    if (isComparison(op)) {
      sema.type = TypeTable::kBool;
      sema.untyped = Untyped::None;
      bool r = op == BinaryOp::Eq   ? x == y
               : op == BinaryOp::Ne ? x != y
               : op == BinaryOp::Lt ? x < y
               : op == BinaryOp::Le ? x <= y
               : op == BinaryOp::Gt ? x > y
                                    : x >= y;
      sema.intValue = r;
      return;
    }
    sema.untyped = Untyped::Float;
    sema.type = kUntypedFloatType;
    switch (op) {
      case BinaryOp::Add: sema.floatValue = x + y; return;
      case BinaryOp::Sub: sema.floatValue = x - y; return;
      case BinaryOp::Mul: sema.floatValue = x * y; return;
      case BinaryOp::Div: sema.floatValue = x / y; return;
      default:
        error(expr->operatorRange(), std::string("operator '") + binaryOpText(op) +
                                         "' is not defined for float constants");
        return poison(expr);
    }
  }
  __int128 x = a.intValue, y = b.intValue, r = 0;
  if (isComparison(op)) {
    sema.type = TypeTable::kBool;
    sema.untyped = Untyped::None;
    sema.intValue = op == BinaryOp::Eq   ? x == y
                    : op == BinaryOp::Ne ? x != y
                    : op == BinaryOp::Lt ? x < y
                    : op == BinaryOp::Le ? x <= y
                    : op == BinaryOp::Gt ? x > y
                                         : x >= y;
    return;
  }
  switch (op) {
    case BinaryOp::Add: r = x + y; break;
    case BinaryOp::Sub: r = x - y; break;
    case BinaryOp::Mul:
      if (x != 0 &&
          (y > kUntypedLimit / (x < 0 ? -x : x) || y < -kUntypedLimit / (x < 0 ? -x : x))) {
        error(expr->range, "integer constant is too large");
        return poison(expr);
      }
      r = x * y;
      break;
    case BinaryOp::Div:
    case BinaryOp::Rem:
      if (y == 0) {
        error(expr->range, "integer constant division by zero");
        return poison(expr);
      }
      r = op == BinaryOp::Div ? x / y : x % y;
      break;
    case BinaryOp::Shl:
    case BinaryOp::Shr:
      if (y > 126) {
        if (op == BinaryOp::Shr || x == 0) {
          r = x < 0 && op == BinaryOp::Shr ? -1 : 0;
          break;
        }
        error(expr->range, "integer constant is too large");
        return poison(expr);
      }
      r = op == BinaryOp::Shl ? x * (static_cast<__int128>(1) << y) : x >> y;
      if (op == BinaryOp::Shl && x != 0 &&
          (r / (static_cast<__int128>(1) << y) != x || r >= kUntypedLimit || r <= -kUntypedLimit)) {
        error(expr->range, "integer constant is too large");
        return poison(expr);
      }
      break;
    case BinaryOp::BitAnd: r = x & y; break;
    case BinaryOp::BitOr: r = x | y; break;
    case BinaryOp::BitXor: r = x ^ y; break;
    default:
      error(expr->operatorRange(), std::string("operator '") + binaryOpText(op) +
                                       "' requires bool operands, found untyped constants");
      return poison(expr);
  }
  if (r >= kUntypedLimit || r <= -kUntypedLimit) {
    error(expr->range, "integer constant is too large");
    return poison(expr);
  }
  sema.untyped = Untyped::Int;
  sema.type = kUntypedIntType;
  sema.intValue = r;
}

// Typed constants fold with the run-time rules; a fold that traps is an error.
void Sema::foldTypedBinary(Expr* expr) {
  ExprSema& sema = expr->sema;
  ExprSema& a = expr->left->sema;
  ExprSema& b = expr->right->sema;
  TypeId type = expr->left->sema.type;
  BinaryOp op = expr->binaryOp;
  if (isPointer(type) || isFunction(type) || type == kNullType) return;
  sema.isConstant = true;
  if (type == TypeTable::kF64) {
    double x = a.floatValue, y = b.floatValue;
    switch (op) {
      case BinaryOp::Add: sema.floatValue = x + y; return;
      case BinaryOp::Sub: sema.floatValue = x - y; return;
      case BinaryOp::Mul: sema.floatValue = x * y; return;
      case BinaryOp::Div: sema.floatValue = x / y; return;
      case BinaryOp::Eq: sema.intValue = x == y; return;
      case BinaryOp::Ne: sema.intValue = x != y; return;
      case BinaryOp::Lt: sema.intValue = x < y; return;
      case BinaryOp::Le: sema.intValue = x <= y; return;
      case BinaryOp::Gt: sema.intValue = x > y; return;
      case BinaryOp::Ge: sema.intValue = x >= y; return;
      default: sema.isConstant = false; return;
    }
  }
  __int128 x = a.intValue, y = b.intValue, r = 0;
  bool isSigned = types_.isSigned(type);
  unsigned width = types_.bitWidth(type);
  switch (op) {
    case BinaryOp::Add: r = x + y; break;
    case BinaryOp::Sub: r = x - y; break;
    case BinaryOp::Mul:
      r = static_cast<__int128>(static_cast<unsigned __int128>(x) *
                                static_cast<unsigned __int128>(y));
      break;
    case BinaryOp::Div:
    case BinaryOp::Rem: {
      __int128 minimum = -(static_cast<__int128>(1) << (width - 1));
      if (y == 0) {
        error(expr->range, "division by zero in constant expression");
        return poison(expr);
      }
      if (isSigned && x == minimum && y == -1) {
        error(expr->range, "overflow in constant expression: " + int128Text(x) + " " +
                               binaryOpText(op) + " -1 traps");
        return poison(expr);
      }
      r = op == BinaryOp::Div ? x / y : x % y;
      break;
    }
    case BinaryOp::Shl:
    case BinaryOp::Shr: {
      unsigned count = static_cast<unsigned>(
          static_cast<uint64_t>(canonicalInteger(types_, TypeTable::kU64, y)) % width);
      if (op == BinaryOp::Shl)
        r = static_cast<__int128>(static_cast<unsigned __int128>(x) << count);
      else
        r = x >> count;  // canonical form: signed values sign-extended, unsigned zero
      type = expr->sema.type;
      break;
    }
    case BinaryOp::BitAnd: r = x & y; break;
    case BinaryOp::BitOr: r = x | y; break;
    case BinaryOp::BitXor: r = x ^ y; break;
    case BinaryOp::Eq: sema.intValue = x == y; return;
    case BinaryOp::Ne: sema.intValue = x != y; return;
    case BinaryOp::Lt: sema.intValue = x < y; return;
    case BinaryOp::Le: sema.intValue = x <= y; return;
    case BinaryOp::Gt: sema.intValue = x > y; return;
    case BinaryOp::Ge: sema.intValue = x >= y; return;
    default: sema.isConstant = false; return;
  }
  if (type == TypeTable::kBool) {
    sema.intValue = r & 1;
    return;
  }
  sema.intValue = canonicalInteger(types_, type, r);
}

void Sema::checkCall(Expr* expr) {
  Expr* callee = expr->left;
  calleeContext_ = true;
  check(callee);
  calleeContext_ = false;
  TypeId calleeType = callee->sema.type;
  Symbol* symbol = callee->kind == ExprKind::Name ? callee->sema.symbol : nullptr;
  if (isError(calleeType)) {
    for (Expr* argument : expr->arguments) check(argument);
    return poison(expr);
  }
  if (!isFunction(calleeType)) {
    error(callee->range, "cannot call a value of type " + typeName(calleeType));
    for (Expr* argument : expr->arguments) check(argument);
    return poison(expr);
  }
  // A reference: checking arguments may intern types, which can move the
  // table, so the parameter types and the result are copied out first.
  const ir::Type& signature = types_.get(calleeType);
  bool variadic = signature.variadic;
  TypeId result = signature.result;
  TypeId fewParams[8];
  std::vector<TypeId> manyParams;
  const TypeId* params = fewParams;
  size_t wanted = signature.params.size();
  if (wanted <= 8) {
    std::copy(signature.params.begin(), signature.params.end(), fewParams);
  } else {
    manyParams = signature.params;
    params = manyParams.data();
  }
  size_t given = expr->arguments.count;
  if (given < wanted || (!variadic && given > wanted)) {
    std::string name = symbol ? "function " + quoted(symbol->name) : std::string("function value");
    error(expr->range, name + " expects " + (variadic ? "at least " : "") + std::to_string(wanted) +
                           " argument" + (wanted == 1 ? "" : "s") + ", found " +
                           std::to_string(given));
  }
  for (size_t i = 0; i < given; ++i) {
    Expr* argument = expr->arguments[static_cast<uint32_t>(i)];
    if (i < wanted) {
      check(argument, params[i]);
      convertTo(argument, params[i]);
      continue;
    }
    check(argument);
    requireValue(argument);
    if (argument->sema.type == kNullType) argument->sema.type = types_.pointerTo(TypeTable::kU8);
    defaultType(argument);
    if (isAggregate(argument->sema.type))
      error(argument->range, "structs and arrays cannot be passed as variadic arguments");
  }
  expr->sema.type = result;
}

void Sema::checkIndex(Expr* expr) {
  Expr* base = expr->left;
  Expr* index = expr->right;
  check(base);
  check(index);
  TypeId baseType = base->sema.type;
  if (isError(baseType) || isError(index->sema.type)) return poison(expr);
  if (index->sema.untyped != Untyped::None && !convertTo(index, TypeTable::kI64))
    return poison(expr);
  if (!isInteger(index->sema.type)) {
    error(index->range, "index must be an integer, found " + typeName(index->sema.type));
    return poison(expr);
  }
  if (baseType >= types_.count()) {  // an untyped constant or null
    error(base->range, "cannot index a value of type " + typeName(baseType));
    return poison(expr);
  }
  const ir::Type& type = types_.get(baseType);
  if (type.kind == TypeKind::Pointer) {
    expr->sema.throughPointer = true;
    expr->sema.type = type.element;
    return;
  }
  if (type.kind != TypeKind::Array) {
    error(base->range, "cannot index a value of type " + typeName(baseType));
    return poison(expr);
  }
  if (index->sema.isConstant) {
    __int128 value = index->sema.intValue;
    if (value < 0 || value >= static_cast<__int128>(type.count)) {
      error(index->range,
            "index " + int128Text(value) + " is out of range for " + typeName(baseType));
      return poison(expr);
    }
  }
  expr->sema.type = type.element;
}

void Sema::checkField(Expr* expr) {
  Expr* base = expr->left;
  check(base);
  TypeId baseType = base->sema.type;
  if (isError(baseType)) return poison(expr);
  TypeId structType = baseType;
  if (isPointer(baseType)) {
    structType = types_.get(baseType).element;
    expr->sema.throughPointer = true;
  }
  if (structType >= types_.count() || types_.get(structType).kind != TypeKind::Struct) {
    error(expr->operatorRange(),
          "type " + typeName(baseType) + " has no field " + quoted(expr->text));
    return poison(expr);
  }
  const ir::Type& type = types_.get(structType);
  for (uint32_t i = 0; i < type.fields.size(); ++i) {
    if (type.fields[i].name == expr->text) {
      expr->sema.fieldIndex = i;
      expr->sema.type = type.fields[i].type;
      return;
    }
  }
  error(expr->operatorRange(),
        "struct " + quoted(type.name) + " has no field " + quoted(expr->text));
  poison(expr);
}

void Sema::checkCast(Expr* expr) {
  Expr* operand = expr->left;
  TypeId target = resolveType(expr->typeExpr);
  check(operand);
  if (isError(target) || isError(operand->sema.type)) return poison(expr);
  requireValue(operand);
  if (operand->sema.type == kNullType && isPointer(target)) convertTo(operand, target);
  defaultType(operand);  // `as` gives no type to its operand
  TypeId source = operand->sema.type;
  if (isError(source)) return poison(expr);
  bool sourceInt = isInteger(source), targetInt = isInteger(target);
  bool ok = source == target || (sourceInt && targetInt) ||
            (sourceInt && target == TypeTable::kF64) || (source == TypeTable::kF64 && targetInt) ||
            (source == TypeTable::kBool && targetInt) ||
            (isPointer(source) && (target == TypeTable::kU64 || target == TypeTable::kI64)) ||
            ((source == TypeTable::kU64 || source == TypeTable::kI64) && isPointer(target)) ||
            (isPointer(source) && isPointer(target)) ||
            (isFunction(source) && (isPointer(target) || target == TypeTable::kU64));
  if (!ok) {
    error(expr->range, "cannot convert " + typeName(source) + " to " + typeName(target));
    return poison(expr);
  }
  ExprSema& sema = expr->sema;
  sema.type = target;
  if (!operand->sema.isConstant) return;
  sema.isConstant = true;
  const ExprSema& inner = operand->sema;
  if (source == TypeTable::kF64 && targetInt) {
    double value = inner.floatValue;
    double truncated = std::trunc(value);
    unsigned width = types_.bitWidth(target);
    bool isSigned = types_.isSigned(target);
    double low = isSigned ? -std::ldexp(1.0, width - 1) : 0.0;
    double high = isSigned ? std::ldexp(1.0, width - 1) : std::ldexp(1.0, width);
    if (std::isnan(value) || !(truncated >= low && truncated < high)) {
      error(expr->range, "constant conversion traps: " + std::to_string(value) +
                             " does not fit in " + typeName(target));
      return poison(expr);
    }
    sema.intValue = static_cast<__int128>(truncated);
  } else if (target == TypeTable::kF64) {
    sema.floatValue =
        source == TypeTable::kF64 ? inner.floatValue : static_cast<double>(inner.intValue);
  } else if (targetInt) {
    sema.intValue = canonicalInteger(types_, target, inner.intValue);
  } else {
    sema.intValue = inner.intValue;  // (and floatValue: they share storage)
  }
}

void Sema::checkStructLiteral(Expr* expr) {
  Symbol* symbol = lookup(expr->text);
  if (!symbol || symbol->kind != SymbolKind::Struct) {
    error(expr->operatorRange(), symbol ? quoted(expr->text) + " is not a struct"
                                        : "unknown struct " + quoted(expr->text));
    for (FieldInit& field : expr->fields) check(field.value);
    return poison(expr);
  }
  symbol->used = true;
  ensureStruct(symbol);
  const std::vector<ir::StructField> fields = types_.get(symbol->type).fields;
  std::vector<bool> seen(fields.size(), false);
  bool ok = true;
  for (FieldInit& init : expr->fields) {
    size_t index = fields.size();
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == init.name) index = i;
    if (index == fields.size()) {
      error(init.nameRange,
            "struct " + quoted(symbol->name) + " has no field " + quoted(init.name));
      check(init.value);
      ok = false;
      continue;
    }
    if (seen[index]) {
      error(init.nameRange, "field " + quoted(init.name) + " is given more than once");
      ok = false;
    }
    seen[index] = true;
    check(init.value, fields[index].type);
    if (!convertTo(init.value, fields[index].type)) ok = false;
  }
  for (size_t i = 0; i < fields.size(); ++i)
    if (!seen[i] && ok) {
      error(expr->range, "missing field " + quoted(fields[i].name) + " in literal of struct " +
                             quoted(symbol->name));
      ok = false;
    }
  if (!ok) return poison(expr);
  expr->sema.type = symbol->type;
}

void Sema::checkArrayLiteral(Expr* expr) {
  TypeId type = resolveType(expr->typeExpr);
  if (isError(type)) {
    for (Expr* element : expr->arguments) check(element);
    return poison(expr);
  }
  const ir::Type& arrayType = types_.get(type);
  if (arrayType.kind != TypeKind::Array) {
    error(expr->range, "array literal needs an array type, found " + typeName(type));
    return poison(expr);
  }
  TypeId element = arrayType.element;
  uint64_t count = arrayType.count;
  bool ok = true;
  for (Expr* value : expr->arguments) {
    check(value, element);
    if (!convertTo(value, element)) ok = false;
  }
  if (expr->arguments.count != 0 && expr->arguments.count != count) {
    error(expr->range, "array literal of " + typeName(type) + " has " +
                           std::to_string(expr->arguments.count) + " elements, expected " +
                           std::to_string(count) + " (or none)");
    ok = false;
  }
  if (!ok) return poison(expr);
  expr->sema.type = type;
}

void Sema::checkIntrinsic(Expr* expr, TypeId expected) {
  std::string_view name = expr->text;
  ExprSema& sema = expr->sema;
  auto argumentCount = [&](uint32_t wanted) {
    if (expr->arguments.count == wanted) return true;
    error(expr->range, "'@" + std::string(name) + "' expects " + std::to_string(wanted) +
                           " argument" + (wanted == 1 ? "" : "s") + ", found " +
                           std::to_string(expr->arguments.count));
    for (Expr* argument : expr->arguments) check(argument);
    poison(expr);
    return false;
  };
  if (name == "sizeof" || name == "alignof") {
    TypeId type = resolveType(expr->typeOperand);
    if (isError(type)) return poison(expr);
    sema.type = TypeTable::kU64;
    sema.isConstant = true;
    sema.intValue = name == "sizeof" ? types_.get(type).size : types_.get(type).align;
    return;
  }
  if (name == "trap" || name == "breakpoint") {
    if (!argumentCount(0)) return;
    sema.type = TypeTable::kVoid;
    return;
  }
  if (name == "assert") {
    if (!argumentCount(1)) return;
    checkCondition(expr->arguments[0]);
    sema.type = TypeTable::kVoid;
    return;
  }
  if (name == "popcount" || name == "clz" || name == "ctz") {
    if (!argumentCount(1)) return;
    Expr* argument = expr->arguments[0];
    check(argument, expected);
    if (isError(argument->sema.type)) return poison(expr);
    if (argument->sema.untyped != Untyped::None &&
        !convertTo(argument, isInteger(expected) ? expected : TypeTable::kI64))
      return poison(expr);
    if (!isInteger(argument->sema.type)) {
      error(argument->range, "'@" + std::string(name) + "' requires an integer, found " +
                                 typeName(argument->sema.type));
      return poison(expr);
    }
    sema.type = argument->sema.type;
    return;
  }
  error(expr->operatorRange(), "unknown intrinsic '@" + std::string(name) + "'");
  for (Expr* argument : expr->arguments) check(argument);
  poison(expr);
}

}  // namespace

CheckedProgram analyzeProgram(const std::vector<FileAst>& files, ir::TypeTable& types, Arena& arena,
                              DiagnosticSink& sink, AnalysisListener* listener) {
  Sema sema(types, arena, sink, listener);
  return sema.run(files);
}

}  // namespace tide::core
