// Builds DebugInfo from the DIE trees: one pass over each unit, dispatching
// on the tag. References (DW_AT_type, DW_AT_abstract_origin,
// DW_AT_specification) are followed through an index of every DIE by offset.
#include "tide/debugger/debug_info.h"

#include <algorithm>
#include <unordered_map>

#include "data_cursor.h"
#include "tide/codegen/dwarf_constants.h"
#include "tide/debugger/dwarf_info.h"

namespace tide::debugger {

using namespace dwarf;

namespace {

struct UnitContext {
  const CompileUnit* unit = nullptr;
  const LineTable* lineTable = nullptr;
  std::uint64_t baseAddress = 0;  // the unit's DW_AT_low_pc, base of range lists
};

class DebugInfoBuilder {
 public:
  DebugInfoBuilder(const DwarfSections& sections, DebugInfo& info)
      : sections_(sections), info_(info) {}

  Expected<int> build() {
    auto units = parseCompileUnits(sections_);
    if (!units) return units.error();
    units_ = std::move(*units);
    for (const auto& unit : units_) indexDies(unit.root);
    std::vector<std::ptrdiff_t> lineTableOfUnit;
    for (const auto& unit : units_) {
      lineTableOfUnit.push_back(-1);
      if (auto offset = unit.root.unsignedValue(DW_AT_stmt_list)) {
        auto table = parseLineTable(sections_, *offset);
        if (!table) return table.error();
        lineTableOfUnit.back() = static_cast<std::ptrdiff_t>(info_.lineTables.size());
        info_.lineTables.push_back(std::move(*table));
      }
    }
    for (std::size_t i = 0; i < units_.size(); ++i) {
      UnitContext context;
      context.unit = &units_[i];
      if (lineTableOfUnit[i] >= 0) context.lineTable = &info_.lineTables[lineTableOfUnit[i]];
      context.baseAddress = units_[i].root.unsignedValue(DW_AT_low_pc).value_or(0);
      if (auto visited = visitChildren(units_[i].root, context); !visited) return visited;
    }
    std::stable_sort(
        info_.functions.begin(), info_.functions.end(),
        [](const DebugFunction& a, const DebugFunction& b) { return a.lowPc < b.lowPc; });
    return 0;
  }

 private:
  void indexDies(const DwarfDie& die) {
    dies_[die.offset] = &die;
    for (const auto& child : die.children) indexDies(child);
  }

  const DwarfDie* dieAt(std::uint64_t offset) const {
    auto found = dies_.find(offset);
    return found == dies_.end() ? nullptr : found->second;
  }

  // The attribute on `die`, else on the DIE its abstract_origin or
  // specification names (one or two hops, as gcc and clang emit).
  const DwarfAttribute* findInherited(const DwarfDie& die, std::uint16_t name) const {
    const DwarfDie* current = &die;
    for (int hop = 0; hop < 4 && current; ++hop) {
      if (const DwarfAttribute* attribute = current->find(name)) return attribute;
      auto origin = current->unsignedValue(DW_AT_abstract_origin);
      if (!origin) origin = current->unsignedValue(DW_AT_specification);
      current = origin ? dieAt(*origin) : nullptr;
    }
    return nullptr;
  }

  std::string inheritedString(const DwarfDie& die, std::uint16_t name) const {
    const DwarfAttribute* attribute = findInherited(die, name);
    return attribute ? attribute->value.string : std::string();
  }

  std::uint64_t inheritedUnsigned(const DwarfDie& die, std::uint16_t name) const {
    const DwarfAttribute* attribute = findInherited(die, name);
    return attribute ? attribute->value.unsignedValue : 0;
  }

  Expected<int> visitChildren(const DwarfDie& parent, const UnitContext& context) {
    for (const auto& child : parent.children)
      if (auto visited = visit(child, context); !visited) return visited;
    return 0;
  }

  Expected<int> visit(const DwarfDie& die, const UnitContext& context) {
    switch (die.tag) {
      case DW_TAG_subprogram: return visitSubprogram(die, context);
      case DW_TAG_variable: {
        auto variable = makeVariable(die, context);
        if (!variable) return variable.error();
        if (!die.flag(DW_AT_declaration)) info_.globals.push_back(std::move(*variable));
        return 0;
      }
      default:
        if (auto added = addTypeIfAny(die); !added) return added;
        return visitChildren(die, context);
    }
  }

  Expected<int> addTypeIfAny(const DwarfDie& die) {
    DebugType type;
    type.offset = die.offset;
    type.name = die.stringValue(DW_AT_name);
    type.byteSize = die.unsignedValue(DW_AT_byte_size).value_or(0);
    type.target = die.unsignedValue(DW_AT_type).value_or(0);
    type.isDeclaration = die.flag(DW_AT_declaration);
    switch (die.tag) {
      case DW_TAG_base_type:
        type.kind = TypeKind::Base;
        type.encoding = static_cast<std::uint8_t>(die.unsignedValue(DW_AT_encoding).value_or(0));
        break;
      case DW_TAG_pointer_type: type.kind = TypeKind::Pointer; break;
      case DW_TAG_typedef: type.kind = TypeKind::Typedef; break;
      case DW_TAG_const_type: type.kind = TypeKind::Const; break;
      case DW_TAG_volatile_type: type.kind = TypeKind::Volatile; break;
      case DW_TAG_restrict_type: type.kind = TypeKind::Restrict; break;
      case DW_TAG_enumeration_type: type.kind = TypeKind::Enumeration; break;
      case DW_TAG_structure_type:
      case DW_TAG_union_type:
        type.kind = die.tag == DW_TAG_union_type ? TypeKind::Union : TypeKind::Structure;
        for (const auto& member : die.children) {
          if (member.tag != DW_TAG_member) continue;
          auto offset = memberOffset(member);
          if (!offset) return offset.error();
          type.members.push_back({member.stringValue(DW_AT_name),
                                  member.unsignedValue(DW_AT_type).value_or(0), *offset});
        }
        break;
      case DW_TAG_array_type:
        type.kind = TypeKind::Array;
        for (const auto& subrange : die.children)
          if (subrange.tag == DW_TAG_subrange_type) type.arrayCounts.push_back(countOf(subrange));
        break;
      case DW_TAG_subroutine_type:
        type.kind = TypeKind::Subroutine;
        for (const auto& parameter : die.children)
          if (parameter.tag == DW_TAG_formal_parameter)
            type.parameterTypes.push_back(parameter.unsignedValue(DW_AT_type).value_or(0));
        break;
      default: return 0;
    }
    info_.types.emplace(type.offset, std::move(type));
    return 0;
  }

  // DW_AT_data_member_location: a constant, or (DWARF 2 style) an
  // expression "DW_OP_plus_uconst N".
  Expected<std::uint64_t> memberOffset(const DwarfDie& member) const {
    const DwarfAttribute* location = member.find(DW_AT_data_member_location);
    if (!location) return std::uint64_t{0};  // union members, first members in some producers
    if (location->value.block.empty()) return location->value.unsignedValue;
    auto operations = decodeExpression(location->value.block, 8, ".debug_info", member.offset);
    if (!operations) return operations.error();
    if (operations->size() == 1 && operations->front().opcode == DW_OP_plus_uconst)
      return operations->front().operand1;
    return DebugInfoError{".debug_info", member.offset,
                          "DW_AT_data_member_location is not a constant offset"};
  }

  static std::uint64_t countOf(const DwarfDie& subrange) {
    if (auto count = subrange.unsignedValue(DW_AT_count)) return *count;
    auto upper = subrange.unsignedValue(DW_AT_upper_bound);
    if (!upper) return 0;  // flexible array member or VLA
    // C arrays start at 0; an upper bound of -1 (gcc's "int a[0]") is empty.
    std::uint64_t lower = subrange.unsignedValue(DW_AT_lower_bound).value_or(0);
    return *upper + 1 >= lower ? *upper + 1 - lower : 0;
  }

  Expected<std::vector<AddressRange>> rangesOf(const DwarfDie& die,
                                               const UnitContext& context) const {
    std::vector<AddressRange> ranges;
    if (auto low = die.unsignedValue(DW_AT_low_pc)) {
      const DwarfAttribute* high = die.find(DW_AT_high_pc);
      if (!high) {
        ranges.push_back({*low, *low + 1});
        return ranges;
      }
      // §2.17.2: a high_pc of class constant is an offset from low_pc.
      const bool isAddress =
          high->value.form == DW_FORM_addr || high->value.form == DW_FORM_addrx ||
          (high->value.form >= DW_FORM_addrx1 && high->value.form <= DW_FORM_addrx4);
      std::uint64_t end = isAddress ? high->value.unsignedValue : *low + high->value.unsignedValue;
      ranges.push_back({*low, end});
      return ranges;
    }
    const DwarfAttribute* list = die.find(DW_AT_ranges);
    if (!list) return ranges;
    if (context.unit->header.version >= 5) return rangeListV5(*list, die, context);
    return rangeListV4(list->value.unsignedValue, die, context);
  }

  // DWARF 4 .debug_ranges: (begin, end) pairs relative to the base address;
  // (0, 0) ends the list; (-1, address) selects a new base.
  Expected<std::vector<AddressRange>> rangeListV4(std::uint64_t offset, const DwarfDie& die,
                                                  const UnitContext& context) const {
    const unsigned size = context.unit->header.addressSize;
    const std::uint64_t baseSelector = size == 8 ? ~std::uint64_t{0} : 0xffffffffu;
    DataCursor cursor(sections_.debugRanges, ".debug_ranges");
    cursor.seek(offset);
    std::vector<AddressRange> ranges;
    std::uint64_t base = context.baseAddress;
    while (!cursor.failed()) {
      std::uint64_t begin = cursor.unsignedOfSize(size);
      std::uint64_t end = cursor.unsignedOfSize(size);
      if (cursor.failed() || (begin == 0 && end == 0)) break;
      if (begin == baseSelector)
        base = end;
      else if (begin != end)
        ranges.push_back({base + begin, base + end});
    }
    if (cursor.failed()) return cursor.takeError();
    (void)die;
    return ranges;
  }

  // DWARF 5 .debug_rnglists (§2.17.3, §7.25 DW_RLE_*).
  Expected<std::vector<AddressRange>> rangeListV5(const DwarfAttribute& list, const DwarfDie& die,
                                                  const UnitContext& context) const {
    const CompileUnit& unit = *context.unit;
    const unsigned offsetSize = unit.header.is64BitFormat ? 8 : 4;
    const std::uint64_t listsBase = unit.root.unsignedValue(DW_AT_rnglists_base).value_or(0);
    DataCursor cursor(sections_.debugRngLists, ".debug_rnglists");
    std::uint64_t offset = list.value.unsignedValue;
    if (list.value.form == DW_FORM_rnglistx) {
      cursor.seek(listsBase + offset * offsetSize);
      offset = listsBase + cursor.unsignedOfSize(offsetSize);
    }
    cursor.seek(offset);
    std::vector<AddressRange> ranges;
    std::uint64_t base = context.baseAddress;
    auto indexed = [&](std::uint64_t index) -> std::uint64_t {
      DataCursor addresses(sections_.debugAddr, ".debug_addr");
      addresses.seek(unit.addrBase + index * unit.header.addressSize);
      std::uint64_t address = addresses.unsignedOfSize(unit.header.addressSize);
      if (addresses.failed()) cursor.fail("address index outside .debug_addr");
      return address;
    };
    const unsigned size = unit.header.addressSize;
    while (!cursor.failed()) {
      const std::uint64_t entryOffset = cursor.offset();
      const std::uint8_t kind = cursor.u8();
      if (cursor.failed() || kind == 0) break;  // DW_RLE_end_of_list
      std::uint64_t first = 0, second = 0;
      switch (kind) {
        case 1: base = indexed(cursor.uleb128()); continue;  // base_addressx
        case 2:
          first = indexed(cursor.uleb128());
          second = indexed(cursor.uleb128());
          break;
        case 3:
          first = indexed(cursor.uleb128());
          second = first + cursor.uleb128();
          break;
        case 4:
          first = base + cursor.uleb128();
          second = base + cursor.uleb128();
          break;
        case 5: base = cursor.unsignedOfSize(size); continue;  // base_address
        case 6:
          first = cursor.unsignedOfSize(size);
          second = cursor.unsignedOfSize(size);
          break;
        case 7:
          first = cursor.unsignedOfSize(size);
          second = first + cursor.uleb128();
          break;
        default:
          cursor.failAt(entryOffset, "unknown range list entry kind " + std::to_string(kind));
          continue;
      }
      if (first != second) ranges.push_back({first, second});
    }
    if (cursor.failed()) return cursor.takeError();
    (void)die;
    return ranges;
  }

  Expected<DebugVariable> makeVariable(const DwarfDie& die, const UnitContext& context) const {
    DebugVariable variable;
    variable.dieOffset = die.offset;
    variable.isParameter = die.tag == DW_TAG_formal_parameter;
    variable.name = inheritedString(die, DW_AT_name);
    variable.type = inheritedUnsigned(die, DW_AT_type);
    variable.declFile = inheritedUnsigned(die, DW_AT_decl_file);
    variable.declLine = inheritedUnsigned(die, DW_AT_decl_line);
    if (const DwarfAttribute* location = die.find(DW_AT_location)) {
      const auto form = location->value.form;
      if (form == DW_FORM_exprloc || form == DW_FORM_block1 || form == DW_FORM_block2 ||
          form == DW_FORM_block4 || form == DW_FORM_block) {
        variable.locationExpression = location->value.block;
        auto operations =
            decodeExpression(variable.locationExpression, context.unit->header.addressSize,
                             ".debug_info", die.offset, context.unit->header.is64BitFormat);
        if (!operations) return operations.error();
        variable.location = std::move(*operations);
      } else {
        variable.hasLocationList = true;  // sec_offset / loclistx / data4 (DWARF 3)
      }
    }
    return variable;
  }

  Expected<int> collectScope(const DwarfDie& die, DebugFunction& function, DebugScope& scope,
                             const UnitContext& context) {
    for (const auto& child : die.children) {
      if (child.tag == DW_TAG_formal_parameter && &scope == &function.body) {
        auto parameter = makeVariable(child, context);
        if (!parameter) return parameter.error();
        function.parameters.push_back(std::move(*parameter));
      } else if (child.tag == DW_TAG_variable) {
        auto variable = makeVariable(child, context);
        if (!variable) return variable.error();
        scope.variables.push_back(std::move(*variable));
      } else if (child.tag == DW_TAG_lexical_block) {
        DebugScope nested;
        auto ranges = rangesOf(child, context);
        if (!ranges) return ranges.error();
        nested.ranges = std::move(*ranges);
        if (auto collected = collectScope(child, function, nested, context); !collected)
          return collected;
        scope.scopes.push_back(std::move(nested));
      } else if (auto added = addTypeIfAny(child); !added) {
        return added;
      }
    }
    return 0;
  }

  Expected<int> visitSubprogram(const DwarfDie& die, const UnitContext& context) {
    auto ranges = rangesOf(die, context);
    if (!ranges) return ranges.error();
    if (ranges->empty() || die.flag(DW_AT_declaration)) {
      // A declaration or an abstract instance: only its nested types matter.
      for (const auto& child : die.children)
        if (auto added = addTypeIfAny(child); !added) return added;
      return 0;
    }
    DebugFunction function;
    function.dieOffset = die.offset;
    function.unitOffset = context.unit->header.offset;
    function.name = inheritedString(die, DW_AT_name);
    function.linkageName = inheritedString(die, DW_AT_linkage_name);
    function.ranges = std::move(*ranges);
    function.lowPc = die.unsignedValue(DW_AT_low_pc).value_or(function.ranges.front().low);
    function.highPc = function.ranges.front().high;
    for (const auto& range : function.ranges)
      if (range.contains(function.lowPc)) function.highPc = range.high;
    function.declFile = inheritedUnsigned(die, DW_AT_decl_file);
    function.declLine = inheritedUnsigned(die, DW_AT_decl_line);
    if (context.lineTable && findInherited(die, DW_AT_decl_file))
      function.declFilePath = context.lineTable->filePath(function.declFile);
    function.returnType = inheritedUnsigned(die, DW_AT_type);
    function.isExternal = findInherited(die, DW_AT_external) != nullptr;
    if (const DwarfAttribute* frameBase = die.find(DW_AT_frame_base);
        frameBase && !frameBase->value.block.empty()) {
      auto operations = decodeExpression(frameBase->value.block, context.unit->header.addressSize,
                                         ".debug_info", die.offset);
      if (!operations) return operations.error();
      function.frameBase = std::move(*operations);
    }
    function.body.ranges = function.ranges;
    if (auto collected = collectScope(die, function, function.body, context); !collected)
      return collected;
    info_.functions.push_back(std::move(function));
    return 0;
  }

  const DwarfSections& sections_;
  DebugInfo& info_;
  std::vector<CompileUnit> units_;
  std::unordered_map<std::uint64_t, const DwarfDie*> dies_;
};

void collectVisible(const DebugScope& scope, std::uint64_t address,
                    std::vector<const DebugVariable*>& out) {
  for (const auto& nested : scope.scopes)
    if (nested.contains(address)) collectVisible(nested, address, out);
  for (const auto& variable : scope.variables) out.push_back(&variable);
}

}  // namespace

bool DebugScope::contains(std::uint64_t address) const {
  for (const auto& range : ranges)
    if (range.contains(address)) return true;
  return false;
}

bool DebugFunction::contains(std::uint64_t address) const {
  for (const auto& range : ranges)
    if (range.contains(address)) return true;
  return false;
}

const DebugType* DebugInfo::type(std::uint64_t offset) const {
  auto found = types.find(offset);
  return found == types.end() ? nullptr : &found->second;
}

const DebugType* DebugInfo::resolvedType(std::uint64_t offset) const {
  const DebugType* current = type(offset);
  for (int hop = 0; hop < 64 && current; ++hop) {
    if (current->kind != TypeKind::Typedef && current->kind != TypeKind::Const &&
        current->kind != TypeKind::Volatile && current->kind != TypeKind::Restrict)
      return current;
    current = type(current->target);
  }
  return current;
}

namespace {

// Type references can form cycles in a corrupt file (a pointer to itself, a
// subroutine whose parameters are itself); a budget of visited types bounds
// both depth and fan-out, turning that into a marker instead of a hang.
constexpr int kMaximumTypeDepth = 64;
constexpr int kTypeNameBudget = 256;

}  // namespace

std::string DebugInfo::typeName(std::uint64_t offset) const {
  int budget = kTypeNameBudget;
  return typeNameAt(offset, budget);
}

std::string DebugInfo::typeNameAt(std::uint64_t offset, int& budget) const {
  if (--budget < 0) return "<type cycle>";
  std::string suffix;  // array dimensions collect here: "int[2][3]"
  const DebugType* current = type(offset);
  for (int hop = 0; hop < kMaximumTypeDepth; ++hop) {
    if (!current) return "void" + suffix;
    switch (current->kind) {
      case TypeKind::Base:
      case TypeKind::Typedef: return current->name + suffix;
      case TypeKind::Structure: return "struct " + current->name + suffix;
      case TypeKind::Union: return "union " + current->name + suffix;
      case TypeKind::Enumeration: return "enum " + current->name + suffix;
      case TypeKind::Pointer: {
        const DebugType* pointee = type(current->target);
        if (pointee && pointee->kind == TypeKind::Subroutine) {
          std::string text = typeNameAt(pointee->target, budget) + " (*)(";
          for (std::size_t i = 0; i < pointee->parameterTypes.size(); ++i)
            text += (i ? ", " : "") + typeNameAt(pointee->parameterTypes[i], budget);
          return text + ")" + suffix;
        }
        return typeNameAt(current->target, budget) + "*" + suffix;
      }
      case TypeKind::Const:
      case TypeKind::Volatile:
      case TypeKind::Restrict: {
        const char* qualifier = current->kind == TypeKind::Const      ? "const"
                                : current->kind == TypeKind::Volatile ? "volatile"
                                                                      : "restrict";
        const DebugType* qualified = type(current->target);
        if (qualified && qualified->kind == TypeKind::Pointer)
          return typeNameAt(current->target, budget) + " " + qualifier + suffix;
        return std::string(qualifier) + " " + typeNameAt(current->target, budget) + suffix;
      }
      case TypeKind::Array: {
        std::string dimensions;
        for (std::uint64_t count : current->arrayCounts)
          dimensions += count ? "[" + std::to_string(count) + "]" : "[]";
        suffix = dimensions + suffix;
        current = type(current->target);
        continue;
      }
      case TypeKind::Subroutine: {
        std::string text = typeNameAt(current->target, budget) + "(";
        for (std::size_t i = 0; i < current->parameterTypes.size(); ++i)
          text += (i ? ", " : "") + typeNameAt(current->parameterTypes[i], budget);
        return text + ")" + suffix;
      }
    }
  }
  return "<type cycle>";
}

const DebugFunction* DebugInfo::functionContaining(std::uint64_t address) const {
  for (const auto& function : functions)
    if (function.contains(address)) return &function;
  return nullptr;
}

const DebugFunction* DebugInfo::functionNamed(std::string_view name) const {
  for (const auto& function : functions)
    if (function.name == name || function.linkageName == name) return &function;
  return nullptr;
}

std::vector<const DebugVariable*> DebugInfo::variablesAt(const DebugFunction& function,
                                                         std::uint64_t address) const {
  std::vector<const DebugVariable*> visible;
  collectVisible(function.body, address, visible);
  for (const auto& parameter : function.parameters) visible.push_back(&parameter);
  return visible;
}

Expected<DebugInfo> buildDebugInfo(const DwarfSections& sections) {
  DebugInfo info;
  DebugInfoBuilder builder(sections, info);
  if (auto built = builder.build(); !built) return built.error();
  return info;
}

}  // namespace tide::debugger
