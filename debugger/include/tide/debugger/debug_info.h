// The debugger's view of an image's DWARF: functions with their parameters,
// locals and lexical scopes, global variables, types, and line tables, built
// from the DIE trees of every compile unit. Types are keyed by the offset of
// their DIE in .debug_info, which is what DW_AT_type references hold; 0
// stands for "no type" (void).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tide/debugger/debug_info_error.h"
#include "tide/debugger/dwarf_expression.h"
#include "tide/debugger/dwarf_line.h"
#include "tide/debugger/dwarf_sections.h"

namespace tide::debugger {

enum class TypeKind {
  Base,         // DW_TAG_base_type
  Pointer,      // DW_TAG_pointer_type
  Structure,    // DW_TAG_structure_type
  Union,        // DW_TAG_union_type
  Enumeration,  // DW_TAG_enumeration_type
  Array,        // DW_TAG_array_type
  Subroutine,   // DW_TAG_subroutine_type
  Typedef,      // DW_TAG_typedef
  Const,        // DW_TAG_const_type
  Volatile,     // DW_TAG_volatile_type
  Restrict,     // DW_TAG_restrict_type
};

struct TypeMember {
  std::string name;
  std::uint64_t type = 0;
  std::uint64_t byteOffset = 0;  // DW_AT_data_member_location
};

struct DebugType {
  std::uint64_t offset = 0;  // of the DIE: the type's identity
  TypeKind kind = TypeKind::Base;
  std::string name;                           // "" for pointers, arrays, anonymous structs
  std::uint64_t byteSize = 0;                 // DW_AT_byte_size (0 when absent)
  std::uint8_t encoding = 0;                  // DW_ATE_* (base types)
  std::uint64_t target = 0;                   // pointee, element, aliased, qualified or return type
  std::vector<TypeMember> members;            // structures and unions
  std::vector<std::uint64_t> arrayCounts;     // element count per dimension (0 = unknown)
  std::vector<std::uint64_t> parameterTypes;  // subroutine types
  bool isDeclaration = false;                 // incomplete struct
};

struct AddressRange {
  std::uint64_t low = 0;   // first address
  std::uint64_t high = 0;  // one past the last
  bool contains(std::uint64_t address) const { return address >= low && address < high; }
};

struct DebugVariable {
  std::string name;
  std::uint64_t type = 0;
  bool isParameter = false;
  std::vector<std::uint8_t> locationExpression;  // DW_AT_location exprloc bytes
  std::vector<DwarfOperation> location;          // decoded; empty when none
  bool hasLocationList = false;                  // DW_AT_location is a location list
  std::uint64_t declFile = 0;
  std::uint64_t declLine = 0;
  std::uint64_t dieOffset = 0;
};

// A lexical block (or a function's outermost scope).
struct DebugScope {
  std::vector<AddressRange> ranges;
  std::vector<DebugVariable> variables;
  std::vector<DebugScope> scopes;  // nested lexical blocks
  bool contains(std::uint64_t address) const;
};

struct DebugFunction {
  std::string name;
  std::string linkageName;
  std::uint64_t lowPc = 0;           // entry: DW_AT_low_pc (or the first range)
  std::uint64_t highPc = 0;          // end of the range that holds lowPc
  std::vector<AddressRange> ranges;  // every range (hot and cold parts)
  std::vector<DwarfOperation> frameBase;
  std::uint64_t declFile = 0;
  std::uint64_t declLine = 0;
  std::string declFilePath;  // decl_file resolved through the unit's line table
  std::uint64_t returnType = 0;
  bool isExternal = false;
  std::vector<DebugVariable> parameters;
  DebugScope body;  // locals and nested scopes; ranges = the function's
  std::uint64_t dieOffset = 0;
  std::uint64_t unitOffset = 0;
  bool contains(std::uint64_t address) const;
};

struct DebugInfo {
  std::vector<DebugFunction> functions;  // sorted by lowPc; definitions only
  std::vector<DebugVariable> globals;
  std::map<std::uint64_t, DebugType> types;
  std::vector<LineTable> lineTables;  // one per unit with DW_AT_stmt_list

  const DebugType* type(std::uint64_t offset) const;
  // The C spelling: "int", "struct point", "char*", "const char*", "int[4]".
  std::string typeName(std::uint64_t offset) const;
  // Follows typedefs and qualifiers to the type that says what the bytes are.
  const DebugType* resolvedType(std::uint64_t offset) const;
  const DebugFunction* functionContaining(std::uint64_t address) const;
  const DebugFunction* functionNamed(std::string_view name) const;
  // Variables visible at `address` in `function`, innermost scope first,
  // parameters last.
  std::vector<const DebugVariable*> variablesAt(const DebugFunction& function,
                                                std::uint64_t address) const;

 private:
  std::string typeNameAt(std::uint64_t offset, int& budget) const;
};

Expected<DebugInfo> buildDebugInfo(const DwarfSections& sections);

}  // namespace tide::debugger
