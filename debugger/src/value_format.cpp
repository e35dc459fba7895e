// formatValue and friends over DebugInfo's types.
#include "value_format.h"

#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "hex_text.h"
#include "tide/codegen/dwarf_constants.h"

namespace tide::debugger {

using namespace dwarf;

namespace {

constexpr int kDepthLimit = 8;
constexpr std::uint64_t kArrayLimit = 100;

std::uint64_t loadUnsigned(std::span<const std::uint8_t> bytes) {
  std::uint64_t value = 0;
  std::memcpy(&value, bytes.data(), std::min<std::size_t>(bytes.size(), 8));
  return value;
}

std::int64_t loadSigned(std::span<const std::uint8_t> bytes) {
  const std::uint64_t raw = loadUnsigned(bytes);
  const std::size_t bits = std::min<std::size_t>(bytes.size(), 8) * 8;
  if (bits == 0 || bits == 64) return static_cast<std::int64_t>(raw);
  const std::uint64_t sign = std::uint64_t{1} << (bits - 1);
  return static_cast<std::int64_t>((raw ^ sign) - sign);
}

std::string formatReal(double value) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value);
  std::string out(text, result.ptr);
  // Keep it visibly an f64: 3 -> 3.0.
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
  return out;
}

std::string quoted(const std::vector<std::uint8_t>& bytes) {
  std::string out = "\"";
  for (std::uint8_t c : bytes) {
    if (c == 0) break;
    if (c == '\n')
      out += "\\n";
    else if (c == '"' || c == '\\')
      out += std::string("\\") + static_cast<char>(c);
    else if (c >= 32 && c < 127)
      out += static_cast<char>(c);
    else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      out += escaped;
    }
  }
  return out + "\"";
}

std::string format(const DebugInfo& info, std::uint64_t typeOffset,
                   std::span<const std::uint8_t> bytes, const MemoryReader& read, int depth);

std::string formatPointer(const DebugInfo& info, const DebugType& type,
                          std::span<const std::uint8_t> bytes, const MemoryReader& read) {
  const std::uint64_t address = loadUnsigned(bytes);
  if (address == 0) return "null";
  std::string text = hex(address);
  const DebugType* pointee = info.resolvedType(type.target);
  // *u8 is how Toy spells a string: show it, as gdb does for char*.
  if (pointee && pointee->kind == TypeKind::Base && pointee->byteSize == 1 &&
      pointee->encoding != DW_ATE_boolean && read) {
    if (auto chars = read(address, 64)) text += " " + quoted(*chars);
  }
  return text;
}

std::string format(const DebugInfo& info, std::uint64_t typeOffset,
                   std::span<const std::uint8_t> bytes, const MemoryReader& read, int depth) {
  const DebugType* type = info.resolvedType(typeOffset);
  if (!type) return "?";
  if (depth > kDepthLimit) return "...";
  switch (type->kind) {
    case TypeKind::Base:
      switch (type->encoding) {
        case DW_ATE_boolean: return loadUnsigned(bytes.first(1)) ? "true" : "false";
        case DW_ATE_float: {
          if (bytes.size() == 8) {
            double value;
            std::memcpy(&value, bytes.data(), 8);
            return formatReal(value);
          }
          float value;
          std::memcpy(&value, bytes.data(), 4);
          return formatReal(value);
        }
        case DW_ATE_signed:
        case DW_ATE_signed_char: return std::to_string(loadSigned(bytes));
        default: return std::to_string(loadUnsigned(bytes));
      }
    case TypeKind::Pointer: return formatPointer(info, *type, bytes, read);
    case TypeKind::Enumeration: return std::to_string(loadSigned(bytes));
    case TypeKind::Structure:
    case TypeKind::Union: {
      std::string text = (type->name.empty() ? std::string("struct") : type->name) + " {";
      bool first = true;
      for (const TypeMember& member : type->members) {
        const std::uint64_t size = typeSize(info, member.type);
        if (member.byteOffset + size > bytes.size()) break;
        text += first ? " " : ", ";
        first = false;
        text += member.name + ": " +
                format(info, member.type, bytes.subspan(member.byteOffset, size), read, depth + 1);
      }
      return text + (first ? "}" : " }");
    }
    case TypeKind::Array: {
      const std::uint64_t elementSize = typeSize(info, type->target);
      const std::uint64_t count = type->arrayCounts.empty() ? 0 : type->arrayCounts.front();
      std::string text = "[";
      for (std::uint64_t i = 0; i < count && i < kArrayLimit; ++i) {
        if ((i + 1) * elementSize > bytes.size()) break;
        if (i) text += ", ";
        text += format(info, type->target, bytes.subspan(i * elementSize, elementSize), read,
                       depth + 1);
      }
      if (count > kArrayLimit) text += ", ...";
      return text + "]";
    }
    case TypeKind::Subroutine: return hex(loadUnsigned(bytes));
    default: return hex(loadUnsigned(bytes));
  }
}

}  // namespace

std::string toyTypeName(const DebugInfo& info, std::uint64_t typeOffset) {
  const DebugType* type = info.type(typeOffset);
  if (!type) return "void";
  switch (type->kind) {
    case TypeKind::Pointer: return "*" + toyTypeName(info, type->target);
    case TypeKind::Array: {
      std::string text;
      for (std::uint64_t count : type->arrayCounts) text += "[" + std::to_string(count) + "]";
      return text + toyTypeName(info, type->target);
    }
    case TypeKind::Const:
    case TypeKind::Volatile:
    case TypeKind::Restrict: return toyTypeName(info, type->target);
    case TypeKind::Subroutine: return "fn(...)";
    default: return type->name.empty() ? info.typeName(typeOffset) : type->name;
  }
}

std::uint64_t typeSize(const DebugInfo& info, std::uint64_t typeOffset) {
  const DebugType* type = info.resolvedType(typeOffset);
  if (!type) return 0;
  if (type->kind == TypeKind::Pointer || type->kind == TypeKind::Subroutine) return 8;
  if (type->kind == TypeKind::Array && type->byteSize == 0) {
    std::uint64_t count = 1;
    for (std::uint64_t dimension : type->arrayCounts) count *= dimension;
    return count * typeSize(info, type->target);
  }
  return type->byteSize;
}

std::string formatValue(const DebugInfo& info, std::uint64_t type,
                        std::span<const std::uint8_t> bytes, const MemoryReader& read) {
  return format(info, type, bytes, read, 0);
}

std::optional<Number> numberOf(const DebugInfo& info, std::uint64_t typeOffset,
                               std::span<const std::uint8_t> bytes) {
  const DebugType* type = info.resolvedType(typeOffset);
  if (!type || bytes.empty()) return std::nullopt;
  Number number;
  if (type->kind == TypeKind::Pointer) {
    number.isUnsigned = true;
    number.integer = static_cast<std::int64_t>(loadUnsigned(bytes));
    return number;
  }
  if (type->kind != TypeKind::Base && type->kind != TypeKind::Enumeration) return std::nullopt;
  if (type->encoding == DW_ATE_float) {
    number.isFloat = true;
    if (bytes.size() == 8) std::memcpy(&number.real, bytes.data(), 8);
    return number;
  }
  if (type->encoding == DW_ATE_boolean) {
    number.integer = loadUnsigned(bytes.first(1)) ? 1 : 0;
    return number;
  }
  if (type->encoding == DW_ATE_signed || type->encoding == DW_ATE_signed_char) {
    number.integer = loadSigned(bytes);
  } else {
    number.isUnsigned = true;
    number.integer = static_cast<std::int64_t>(loadUnsigned(bytes));
  }
  return number;
}

}  // namespace tide::debugger
