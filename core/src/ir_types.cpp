// The IR type table: builtin scalars at fixed ids, structural interning of
// pointer/array/function types (linear probe over a hash map keyed by shape),
// and C layout for structs.
#include <algorithm>
#include <cassert>
#include <cstdio>
#include <stdexcept>

#include "tide/core/ir.h"

namespace tide::ir {

namespace {

Type scalar(TypeKind kind, uint64_t size) {
  Type type;
  type.kind = kind;
  type.size = size;
  type.align = size == 0 ? 1 : static_cast<uint32_t>(size);
  return type;
}

bool sameShape(const Type& a, const Type& b) {
  return a.kind == b.kind && a.element == b.element && a.count == b.count && a.params == b.params &&
         a.result == b.result && a.variadic == b.variadic;
}

}  // namespace

TypeTable::TypeTable() {
  chunks_.reserve(kMaxChunks);
  for (const Type& type :
       {scalar(TypeKind::Void, 0), scalar(TypeKind::Bool, 1), scalar(TypeKind::I8, 1),
        scalar(TypeKind::I16, 2), scalar(TypeKind::I32, 4), scalar(TypeKind::I64, 8),
        scalar(TypeKind::U8, 1), scalar(TypeKind::U16, 2), scalar(TypeKind::U32, 4),
        scalar(TypeKind::U64, 8), scalar(TypeKind::F64, 8)})
    append(type);
}

TypeTable::TypeTable(const TypeTable& other) {
  pointerCache_ = other.pointerCache_;
  chunks_.reserve(kMaxChunks);
  for (size_t i = 0; i < other.count(); ++i) append(other.at(static_cast<TypeId>(i)));
}

TypeTable& TypeTable::operator=(const TypeTable& other) {
  if (this != &other) *this = TypeTable(other);
  return *this;
}

TypeTable::TypeTable(TypeTable&& other) noexcept
    : chunks_(std::move(other.chunks_)),
      count_(other.count_.load()),
      pointerCache_(std::move(other.pointerCache_)) {
  other.count_ = 0;
}

TypeTable& TypeTable::operator=(TypeTable&& other) noexcept {
  if (this != &other) {
    pointerCache_ = std::move(other.pointerCache_);
    chunks_ = std::move(other.chunks_);
    count_ = other.count_.load();
    other.count_ = 0;
  }
  return *this;
}

TypeTable::~TypeTable() = default;

TypeId TypeTable::append(Type type) {
  const size_t id = count_.load(std::memory_order_relaxed);
  if ((id >> kChunkBits) >= chunks_.size()) {
    if (chunks_.size() == kMaxChunks) throw std::length_error("too many types");
    chunks_.push_back(std::make_unique<Type[]>(kChunkSize));
  }
  at(static_cast<TypeId>(id)) = std::move(type);
  count_.store(id + 1, std::memory_order_release);
  return static_cast<TypeId>(id);
}

TypeId TypeTable::intern(Type type) {
  // Derived types are few (hundreds); a linear scan keeps this simple.
  const size_t count = this->count();
  for (size_t i = kF64 + 1; i < count; ++i) {
    const Type& existing = at(static_cast<TypeId>(i));
    if (existing.kind != TypeKind::Struct && sameShape(existing, type))
      return static_cast<TypeId>(i);
  }
  return append(std::move(type));
}

TypeId TypeTable::pointerToSlow(TypeId pointee) {
  Type type = scalar(TypeKind::Pointer, 8);
  type.element = pointee;
  TypeId id = intern(std::move(type));
  if (pointee >= pointerCache_.size()) pointerCache_.resize(pointee + 1, kNoType);
  pointerCache_[pointee] = id;
  return id;
}

TypeId TypeTable::arrayOf(uint64_t count, TypeId element) {
  Type type;
  type.kind = TypeKind::Array;
  type.element = element;
  type.count = count;
  type.align = at(element).align;
  type.size = count * at(element).size;
  return intern(std::move(type));
}

TypeId TypeTable::function(const std::vector<TypeId>& params, TypeId result, bool variadic) {
  Type type = scalar(TypeKind::Function, 8);
  type.params = params;
  type.result = result;
  type.variadic = variadic;
  return intern(std::move(type));
}

TypeId TypeTable::declareStruct(std::string name) {
  Type type;
  type.kind = TypeKind::Struct;
  type.name = std::move(name);
  type.complete = false;
  return append(std::move(type));
}

void TypeTable::setStructFields(TypeId structType, std::vector<StructField> fields) {
  uint64_t offset = 0;
  uint32_t align = 1;
  for (StructField& field : fields) {
    const Type& fieldType = at(field.type);
    offset = (offset + fieldType.align - 1) / fieldType.align * fieldType.align;
    field.offset = offset;
    offset += fieldType.size;
    align = std::max(align, fieldType.align);
  }
  Type& type = at(structType);
  type.fields = std::move(fields);
  type.align = align;
  type.size = (offset + align - 1) / align * align;
  type.complete = true;
}

std::string TypeTable::name(TypeId id) const {
  static const char* const kScalarNames[] = {"void", "bool", "i8",  "i16", "i32", "i64",
                                             "u8",   "u16",  "u32", "u64", "f64"};
  if (id == kNoType || id >= count()) return "<invalid>";
  const Type& type = at(id);
  switch (type.kind) {
    case TypeKind::Pointer: return "*" + name(type.element);
    case TypeKind::Array: return "[" + std::to_string(type.count) + "]" + name(type.element);
    case TypeKind::Struct: return type.name;
    case TypeKind::Function: {
      std::string text = "fn(";
      for (size_t i = 0; i < type.params.size(); ++i)
        text += (i ? ", " : "") + name(type.params[i]);
      if (type.variadic) text += type.params.empty() ? "..." : ", ...";
      text += ")";
      if (type.result != kVoid) text += ": " + name(type.result);
      return text;
    }
    default: return kScalarNames[static_cast<int>(type.kind)];
  }
}

std::string_view opcodeName(Opcode op) {
  static const char* const kNames[] = {
#define TIDE_IR_NAME(name, text) text,
      TIDE_IR_OPCODES(TIDE_IR_NAME)
#undef TIDE_IR_NAME
  };
  return kNames[static_cast<int>(op)];
}

bool isTerminator(Opcode op) {
  return op == Opcode::Br || op == Opcode::CondBr || op == Opcode::Ret || op == Opcode::Unreachable;
}

namespace {
template <typename Items>
int findByName(const Items& items, std::string_view name) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<int>(i);
  return -1;
}
}  // namespace

int Module::findFunction(std::string_view name) const { return findByName(functions, name); }
int Module::findGlobal(std::string_view name) const { return findByName(globals, name); }
int Module::findExtern(std::string_view name) const { return findByName(externs, name); }

}  // namespace tide::ir
