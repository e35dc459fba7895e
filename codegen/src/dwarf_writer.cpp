// DWARF 5 writer. .debug_info is built as a tree of DIEs first, then laid
// out (abbreviation codes deduplicated by tag/children/attribute forms, each
// DIE's CU-relative offset computed from the sizes of its forms) and only
// then written, so DW_FORM_ref4 values are known when bytes are produced.
// Frame base is DW_OP_breg6 0 (rbp): every Toy function keeps rbp as its
// frame pointer (spec §9), so a variable's DW_OP_fbreg is its rbp offset.
#include "tide/codegen/dwarf_writer.h"

#include <elf.h>

#include <algorithm>
#include <array>
#include <future>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "dwarf_bytes.h"
#include "tide/codegen/dwarf_constants.h"

namespace tide::codegen {

using namespace dwarf;

namespace {

// An exprloc block inline: our expressions are at most DW_OP_addr + 8 bytes,
// and a heap vector per variable was a large share of DWARF time.
struct ExpressionBlock {
  std::array<std::uint8_t, 15> bytes{};
  std::uint8_t length = 0;
  const std::uint8_t* begin() const { return bytes.data(); }
  const std::uint8_t* end() const { return bytes.data() + length; }
  std::size_t size() const { return length; }
  std::uint8_t operator[](std::size_t i) const { return bytes[i]; }
};

ExpressionBlock expressionBlock(const std::vector<std::uint8_t>& bytes) {
  ExpressionBlock block;
  block.length = static_cast<std::uint8_t>(std::min(bytes.size(), block.bytes.size()));
  std::copy_n(bytes.begin(), block.length, block.bytes.begin());
  return block;
}

// 24 bytes: the DIE lists hold ~200k of them for the 100k-line benchmark,
// so an exprloc's block lives in a list of its own.
struct Attribute {
  std::uint16_t name = 0;
  std::uint16_t form = 0;
  int next = -1;  // the DIE's next attribute, -1 after its last
  // Constants, string offsets, addresses, die index; for exprloc the
  // block's index in InfoBuilder's block list.
  std::uint64_t value = 0;
  std::int16_t relocationSection = -1;  // addresses, string offsets and DW_OP_addr operands
  std::int8_t blockRelocationAt = -1;   // DW_OP_addr operand inside the block
  std::uint8_t blockLength = 0;         // exprloc
};

Attribute attributeOf(std::uint16_t name, std::uint16_t form, std::uint64_t value,
                      int relocationSection = -1) {
  Attribute attribute;
  attribute.name = name;
  attribute.form = form;
  attribute.value = value;
  attribute.relocationSection = static_cast<std::int16_t>(relocationSection);
  return attribute;
}

// Attributes and children are lists linked through one array each (a DIE's
// attributes need not be adjacent: a type DIE may be made while another
// DIE is being described): two vectors per DIE were two allocations per
// variable of the program.
struct Die {
  std::uint16_t tag = 0;
  int firstAttribute = -1, lastAttribute = -1;
  int firstChild = -1, lastChild = -1, nextSibling = -1;
  std::uint32_t offset = 0;  // CU-relative, set by layout
  std::uint32_t abbrev = 0;
  bool hasChildren() const { return firstChild >= 0; }
};

struct Sections {
  int text, info, abbrev, str, strOffsets, line, lineStr, aranges, frame;
};

// Each distinct string once; add() gives its index, offsets() each index's
// offset in the bytes.
class StringPool {
 public:
  void reserve(std::size_t strings) {
    indexes_.reserve(strings);
    offsets_.reserve(strings);
  }
  std::uint32_t add(const std::string& text) {
    const auto found = indexes_.find(text);
    if (found != indexes_.end()) return found->second;
    const auto index = static_cast<std::uint32_t>(offsets_.size());
    indexes_.emplace(text, index);
    offsets_.push_back(static_cast<std::uint32_t>(writer.size()));
    writer.cstring(text);
    return index;
  }
  std::uint32_t offset(std::uint32_t index) const { return offsets_[index]; }
  const std::vector<std::uint32_t>& offsets() const { return offsets_; }
  ByteWriter writer;

 private:
  std::unordered_map<std::string, std::uint32_t> indexes_;
  std::vector<std::uint32_t> offsets_;
};

class InfoBuilder {
 public:
  // (Sections by value: the builder outlives the caller's copy.)
  InfoBuilder(const ir::TypeTable& types, const Sections& sections)
      : types_(types), sections_(sections), typeDies_(types.count(), -1) {}

  void reserve(std::size_t dies) {
    dies_.reserve(dies);
    attributes_.reserve(dies * 6);  // 5.03 per DIE on the 100k-line benchmark
    blocks_.reserve(dies);          // at most one per DIE
  }
  int addDie(std::uint16_t tag, int parent) {
    Die made;
    made.tag = tag;
    dies_.push_back(made);
    const int index = static_cast<int>(dies_.size() - 1);
    if (parent >= 0) {
      Die& up = die(parent);
      if (up.lastChild >= 0)
        die(up.lastChild).nextSibling = index;
      else
        up.firstChild = index;
      up.lastChild = index;
    }
    return index;
  }
  Die& die(int index) { return dies_[static_cast<std::size_t>(index)]; }
  const Attribute& attribute(int index) const {
    return attributes_[static_cast<std::size_t>(index)];
  }
  void add(int die, const Attribute& attribute) {
    attributes_.push_back(attribute);
    const int index = static_cast<int>(attributes_.size() - 1);
    Die& owner = this->die(die);
    if (owner.lastAttribute >= 0)
      attributes_[static_cast<std::size_t>(owner.lastAttribute)].next = index;
    else
      owner.firstAttribute = index;
    owner.lastAttribute = index;
  }
  void constant(int die, std::uint16_t name, std::uint16_t form, std::uint64_t value) {
    add(die, attributeOf(name, form, value));
  }
  int lastAttributeIndex() const { return static_cast<int>(attributes_.size()) - 1; }
  void setValue(int attributeIndex, std::uint64_t value) {
    attributes_[static_cast<std::size_t>(attributeIndex)].value = value;
  }
  // Names are DW_FORM_strx, an index into .debug_str_offsets: a strp
  // would need a relocation per name (38,000 on the 100k-line benchmark,
  // 0.9 MB of .rela.debug_info), the offsets table one per distinct string.
  void string(int die, std::uint16_t name, const std::string& text) {
    add(die, attributeOf(name, DW_FORM_strx, strings.add(text)));
  }
  void address(int die, std::uint16_t name, std::uint64_t textOffset) {
    add(die, attributeOf(name, DW_FORM_addr, textOffset, sections_.text));
  }
  void reference(int die, std::uint16_t name, int target) {
    add(die, attributeOf(name, DW_FORM_ref4, static_cast<std::uint64_t>(target)));
  }
  void expression(int die, std::uint16_t name, const ExpressionBlock& block,
                  int relocationSection = -1, int relocationAt = -1) {
    blocks_.push_back(block);
    Attribute attribute = attributeOf(name, DW_FORM_exprloc, blocks_.size() - 1, relocationSection);
    attribute.blockRelocationAt = static_cast<std::int8_t>(relocationAt);
    attribute.blockLength = block.length;
    add(die, attribute);
  }

  // The DIE describing `type`, made on first use. Void has none (-1).
  int typeDie(ir::TypeId type);

  std::vector<std::uint8_t> write(ElfSection& info, ElfSection& abbrev);
  StringPool strings;
  int unit = -1;

 private:
  int makeTypeDie(ir::TypeId type);
  void layout(int index, std::uint32_t& offset);
  std::uint32_t abbreviationCode(const Die& node);
  void writeDie(int index, ByteWriter& out, ElfSection& info);

  const ir::TypeTable& types_;
  const Sections sections_;
  std::vector<Die> dies_;
  std::vector<Attribute> attributes_;    // every DIE's, linked through Attribute::next
  std::vector<ExpressionBlock> blocks_;  // exprloc values
  std::size_t relocationCount_ = 0;      // .debug_info relocations writeDie will add (from layout)
  std::vector<int> typeDies_;            // per type id, -1 until made
  std::unordered_map<std::string, std::uint32_t> abbrevCodes_;  // shape bytes -> code
  std::string signature_;                                       // reused by layout()
  struct LastShape {
    std::string signature;
    std::uint32_t code = 0;  // 0: none yet
  };
  std::array<LastShape, 0x40> lastShapeByTag_;  // by tag; others (none yet) use the map only
  ByteWriter abbrevBytes_;
};

int InfoBuilder::typeDie(ir::TypeId type) {
  if (type == ir::kNoType || type == ir::TypeTable::kVoid || type >= types_.count()) return -1;
  // The front end may have made types since the last look (functions are
  // added while later ones are still being lowered).
  if (type >= typeDies_.size()) typeDies_.resize(types_.count(), -1);
  if (typeDies_[type] >= 0) return typeDies_[type];
  return makeTypeDie(type);
}

int InfoBuilder::makeTypeDie(ir::TypeId id) {
  const ir::Type& type = types_.get(id);
  using TK = ir::TypeKind;
  auto baseType = [&](const char* name, std::uint8_t encoding) {
    const int die = addDie(DW_TAG_base_type, unit);
    typeDies_[id] = die;
    string(die, DW_AT_name, name);
    constant(die, DW_AT_encoding, DW_FORM_data1, encoding);
    constant(die, DW_AT_byte_size, DW_FORM_data1, type.size);
    return die;
  };
  switch (type.kind) {
    case TK::Bool: return baseType("bool", DW_ATE_boolean);
    case TK::I8: return baseType("i8", DW_ATE_signed);
    case TK::I16: return baseType("i16", DW_ATE_signed);
    case TK::I32: return baseType("i32", DW_ATE_signed);
    case TK::I64: return baseType("i64", DW_ATE_signed);
    case TK::U8: return baseType("u8", DW_ATE_unsigned_char);  // so *u8 shows as a string
    case TK::U16: return baseType("u16", DW_ATE_unsigned);
    case TK::U32: return baseType("u32", DW_ATE_unsigned);
    case TK::U64: return baseType("u64", DW_ATE_unsigned);
    case TK::F64: return baseType("f64", DW_ATE_float);
    case TK::Void: return -1;
    case TK::Pointer: {
      const int die = addDie(DW_TAG_pointer_type, unit);
      typeDies_[id] = die;
      constant(die, DW_AT_byte_size, DW_FORM_data1, 8);
      const int pointee = typeDie(type.element);
      if (pointee >= 0) reference(die, DW_AT_type, pointee);
      return die;
    }
    case TK::Function: {
      // A Toy function value is a pointer to code: pointer -> subroutine type.
      const int pointer = addDie(DW_TAG_pointer_type, unit);
      typeDies_[id] = pointer;
      constant(pointer, DW_AT_byte_size, DW_FORM_data1, 8);
      const int subroutine = addDie(DW_TAG_subroutine_type, unit);
      reference(pointer, DW_AT_type, subroutine);
      constant(subroutine, DW_AT_prototyped, DW_FORM_flag_present, 1);
      const int result = typeDie(type.result);
      if (result >= 0) reference(subroutine, DW_AT_type, result);
      const std::vector<ir::TypeId> params = type.params;
      const bool variadic = type.variadic;
      for (ir::TypeId param : params) {
        const int paramType = typeDie(param);
        const int parameter = addDie(DW_TAG_formal_parameter, subroutine);
        if (paramType >= 0) reference(parameter, DW_AT_type, paramType);
      }
      if (variadic) addDie(DW_TAG_unspecified_parameters, subroutine);
      return pointer;
    }
    case TK::Array: {
      const int die = addDie(DW_TAG_array_type, unit);
      typeDies_[id] = die;
      const std::uint64_t count = type.count;
      const int element = typeDie(type.element);
      if (element >= 0) reference(die, DW_AT_type, element);
      const int subrange = addDie(DW_TAG_subrange_type, die);
      const int index = typeDie(ir::TypeTable::kU64);
      reference(subrange, DW_AT_type, index);
      constant(subrange, DW_AT_count, DW_FORM_udata, count);
      return die;
    }
    case TK::Struct: {
      const int die = addDie(DW_TAG_structure_type, unit);
      typeDies_[id] = die;  // before the members: they may point back here
      string(die, DW_AT_name, type.name);
      constant(die, DW_AT_byte_size, DW_FORM_udata, type.size);
      const std::vector<ir::StructField> fields = type.fields;
      for (const ir::StructField& field : fields) {
        const int fieldType = typeDie(field.type);
        const int member = addDie(DW_TAG_member, die);
        string(member, DW_AT_name, field.name);
        if (fieldType >= 0) reference(member, DW_AT_type, fieldType);
        constant(member, DW_AT_data_member_location, DW_FORM_udata, field.offset);
      }
      return die;
    }
  }
  return -1;
}

std::size_t formSize(const Attribute& attribute) {
  switch (attribute.form) {
    case DW_FORM_addr:
    case DW_FORM_data8: return 8;
    case DW_FORM_data1: return 1;
    case DW_FORM_data2: return 2;
    case DW_FORM_data4:
    case DW_FORM_ref4:
    case DW_FORM_sec_offset: return 4;
    case DW_FORM_udata:
    case DW_FORM_strx: return ulebSize(attribute.value);
    case DW_FORM_exprloc: return ulebSize(attribute.blockLength) + attribute.blockLength;
    case DW_FORM_flag_present: return 0;
  }
  return 0;
}

// The code of the abbreviation with signature_'s shape (node's), made and
// written to .debug_abbrev on first use.
std::uint32_t InfoBuilder::abbreviationCode(const Die& node) {
  auto it = abbrevCodes_.find(signature_);
  if (it != abbrevCodes_.end()) return it->second;
  const auto code = static_cast<std::uint32_t>(abbrevCodes_.size() + 1);
  abbrevCodes_.emplace(signature_, code);
  abbrevBytes_.uleb(code);
  abbrevBytes_.uleb(node.tag);
  abbrevBytes_.u8(node.hasChildren() ? DW_CHILDREN_yes : DW_CHILDREN_no);
  for (int a = node.firstAttribute; a >= 0; a = attribute(a).next) {
    abbrevBytes_.uleb(attribute(a).name);
    abbrevBytes_.uleb(attribute(a).form);
  }
  abbrevBytes_.u8(0);
  abbrevBytes_.u8(0);
  return code;
}

void InfoBuilder::layout(int index, std::uint32_t& offset) {
  Die& node = die(index);
  // The abbreviation's shape as bytes: tag, children flag, (name, form) pairs.
  signature_.clear();
  auto put16 = [&](std::uint16_t v) {
    signature_.push_back(static_cast<char>(v & 0xff));
    signature_.push_back(static_cast<char>(v >> 8));
  };
  put16(node.tag);
  signature_.push_back(node.hasChildren() ? '\1' : '\0');
  for (int a = node.firstAttribute; a >= 0; a = attribute(a).next) {
    put16(attribute(a).name);
    put16(attribute(a).form);
  }
  // Most DIEs have the shape of the last DIE of their tag (a function's
  // variables, one after another): that one compare saves hashing the
  // shape and looking it up.
  LastShape* const last = node.tag < lastShapeByTag_.size() ? &lastShapeByTag_[node.tag] : nullptr;
  if (last && last->code != 0 && last->signature == signature_) {
    node.abbrev = last->code;
  } else {
    node.abbrev = abbreviationCode(node);
    if (last) {
      last->signature = signature_;
      last->code = node.abbrev;
    }
  }
  node.offset = offset;
  offset += static_cast<std::uint32_t>(ulebSize(node.abbrev));
  for (int a = node.firstAttribute; a >= 0; a = attribute(a).next) {
    const Attribute& attribute = this->attribute(a);
    offset += static_cast<std::uint32_t>(formSize(attribute));
    relocationCount_ +=
        attribute.form == DW_FORM_addr ||
        (attribute.form == DW_FORM_sec_offset && attribute.relocationSection >= 0) ||
        (attribute.form == DW_FORM_exprloc && attribute.blockRelocationAt >= 0);
  }
  // `node` stays valid: layout adds no DIEs.
  for (int child = node.firstChild; child >= 0; child = die(child).nextSibling)
    layout(child, offset);
  if (node.hasChildren()) offset += 1;  // the null entry ending the sibling chain
}

void InfoBuilder::writeDie(int index, ByteWriter& out, ElfSection& info) {
  const Die& node = die(index);
  out.uleb(node.abbrev);
  for (int a = node.firstAttribute; a >= 0; a = this->attribute(a).next) {
    const Attribute& attribute = this->attribute(a);
    const std::size_t at = out.size();
    switch (attribute.form) {
      case DW_FORM_addr:
        info.relocations.push_back({at, R_X86_64_64,
                                    static_cast<std::uint32_t>(attribute.relocationSection), true,
                                    static_cast<std::int64_t>(attribute.value)});
        out.u64(attribute.value);
        break;
      case DW_FORM_sec_offset:
        if (attribute.relocationSection >= 0)
          info.relocations.push_back({at, R_X86_64_32,
                                      static_cast<std::uint32_t>(attribute.relocationSection), true,
                                      static_cast<std::int64_t>(attribute.value)});
        out.u32(attribute.value);
        break;
      case DW_FORM_strx: out.uleb(attribute.value); break;
      case DW_FORM_data1: out.u8(attribute.value); break;
      case DW_FORM_data2: out.u16(attribute.value); break;
      case DW_FORM_data4: out.u32(attribute.value); break;
      case DW_FORM_data8: out.u64(attribute.value); break;
      case DW_FORM_udata: out.uleb(attribute.value); break;
      case DW_FORM_ref4: out.u32(die(static_cast<int>(attribute.value)).offset); break;
      case DW_FORM_flag_present: break;
      case DW_FORM_exprloc: {
        const ExpressionBlock& block = blocks_[static_cast<std::size_t>(attribute.value)];
        out.uleb(block.size());
        const std::size_t blockAt = out.size();
        out.bytes.insert(out.bytes.end(), block.begin(), block.end());
        if (attribute.blockRelocationAt >= 0) {
          std::uint64_t addend = 0;
          for (int i = 0; i < 8; ++i)
            addend |= static_cast<std::uint64_t>(
                          block[static_cast<std::size_t>(attribute.blockRelocationAt + i)])
                      << (8 * i);
          info.relocations.push_back(
              {blockAt + static_cast<std::size_t>(attribute.blockRelocationAt), R_X86_64_64,
               static_cast<std::uint32_t>(attribute.relocationSection), true,
               static_cast<std::int64_t>(addend)});
        }
        break;
      }
    }
  }
  for (int child = node.firstChild; child >= 0; child = die(child).nextSibling)
    writeDie(child, out, info);
  if (node.hasChildren()) out.u8(0);
}

std::vector<std::uint8_t> InfoBuilder::write(ElfSection& info, ElfSection& abbrev) {
  std::uint32_t offset = 12;  // the DWARF 5 compile unit header
  layout(unit, offset);
  abbrevBytes_.u8(0);
  abbrev.bytes = abbrevBytes_.bytes;
  ByteWriter out;
  out.bytes.reserve(offset);  // the unit's size, known from the layout
  info.relocations.reserve(info.relocations.size() + relocationCount_ + 1);
  out.u32(offset - 4);  // unit_length excludes itself
  out.u16(5);
  out.u8(DW_UT_compile);
  out.u8(8);
  info.relocations.push_back(
      {out.size(), R_X86_64_32, static_cast<std::uint32_t>(sections_.abbrev), true, 0});
  out.u32(0);
  writeDie(unit, out, info);
  return out.bytes;
}

ExpressionBlock frameOffsetExpression(std::int32_t offset) {
  ExpressionBlock block;
  block.bytes[block.length++] = DW_OP_fbreg;
  std::int64_t value = offset;
  for (bool more = true; more;) {  // SLEB128
    std::uint8_t byte = value & 0x7f;
    value >>= 7;
    more = !((value == 0 && (byte & 0x40) == 0) || (value == -1 && (byte & 0x40) != 0));
    if (more) byte |= 0x80;
    block.bytes[block.length++] = byte;
  }
  return block;
}

void addVariable(InfoBuilder& builder, std::uint16_t tag, const DebugVariable& variable,
                 int parent) {
  const int die = builder.addDie(tag, parent);
  builder.string(die, DW_AT_name, variable.name);
  builder.constant(die, DW_AT_decl_file, DW_FORM_udata, variable.file + 1);
  builder.constant(die, DW_AT_decl_line, DW_FORM_udata, variable.line);
  const int type = builder.typeDie(variable.type);
  if (type >= 0) builder.reference(die, DW_AT_type, type);
  builder.expression(die, DW_AT_location, frameOffsetExpression(variable.frameOffset));
}

void addScope(InfoBuilder& builder, const DebugScope& scope, int parent) {
  for (const DebugVariable& variable : scope.variables)
    addVariable(builder, DW_TAG_variable, variable, parent);
  for (const DebugScope& child : scope.children) {
    if (child.highPc <= child.lowPc) continue;
    const int block = builder.addDie(DW_TAG_lexical_block, parent);
    builder.address(block, DW_AT_low_pc, child.lowPc);
    builder.constant(block, DW_AT_high_pc, DW_FORM_data8, child.highPc - child.lowPc);
    addScope(builder, child, block);
  }
}

void addFunction(InfoBuilder& builder, const DebugFunction& function) {
  const int die = builder.addDie(DW_TAG_subprogram, builder.unit);
  builder.string(die, DW_AT_name, function.name);
  builder.constant(die, DW_AT_decl_file, DW_FORM_udata, function.file + 1);
  builder.constant(die, DW_AT_decl_line, DW_FORM_udata, function.line);
  builder.constant(die, DW_AT_prototyped, DW_FORM_flag_present, 1);
  const int result = builder.typeDie(function.result);
  if (result >= 0) builder.reference(die, DW_AT_type, result);
  if (function.external) builder.constant(die, DW_AT_external, DW_FORM_flag_present, 1);
  builder.address(die, DW_AT_low_pc, function.lowPc);
  builder.constant(die, DW_AT_high_pc, DW_FORM_data8, function.highPc - function.lowPc);
  builder.expression(die, DW_AT_frame_base, expressionBlock({DW_OP_breg6, 0}));
  for (const DebugVariable& parameter : function.parameters)
    addVariable(builder, DW_TAG_formal_parameter, parameter, die);
  addScope(builder, function.body, die);
}

void addGlobal(InfoBuilder& builder, const DebugGlobal& global) {
  const int die = builder.addDie(DW_TAG_variable, builder.unit);
  builder.string(die, DW_AT_name, global.name);
  builder.constant(die, DW_AT_decl_file, DW_FORM_udata, global.file + 1);
  builder.constant(die, DW_AT_decl_line, DW_FORM_udata, global.line);
  const int type = builder.typeDie(global.type);
  if (type >= 0) builder.reference(die, DW_AT_type, type);
  ByteWriter block;
  block.u8(DW_OP_addr);
  block.u64(global.offset);
  builder.expression(die, DW_AT_location, expressionBlock(block.bytes), global.section, 1);
}

std::uint8_t* putUleb(std::uint8_t* p, std::uint64_t v) {
  do {
    std::uint8_t byte = v & 0x7f;
    v >>= 7;
    if (v) byte |= 0x80;
    *p++ = byte;
  } while (v);
  return p;
}

std::uint8_t* putSleb(std::uint8_t* p, std::int64_t v) {
  for (bool more = true; more;) {
    std::uint8_t byte = v & 0x7f;
    v >>= 7;  // arithmetic shift keeps the sign
    more = !((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40)));
    if (more) byte |= 0x80;
    *p++ = byte;
  }
  return p;
}

// The special opcodes' parameters (as gcc's): lines -5..8 in one byte.
constexpr std::int64_t kLineBase = -5;
constexpr std::int64_t kLineRange = 14;
constexpr std::int64_t kOpcodeBase = 13;  // the standard opcodes of DWARF 5 are 1..12

// .debug_line, version 5 (DWARF 5 section 6.2.4): one sequence over .text,
// encoded as the rows come (a function's at a time), so the rows are never
// all in memory (343,377 of 24 bytes on the 100k-line benchmark).
class LineProgram {
 public:
  // The header: everything it says (directories, files) is known before
  // any code exists.
  void begin(const DebugCompileUnit& unit, const Sections& sections, StringPool& lineStrings,
             ElfSection& line, std::size_t expectedRows) {
    // A row takes one to a few bytes: reserved once instead of growing and
    // copying the buffer repeatedly.
    out_.bytes.reserve(256 + expectedRows * 4);
    out_.u32(0);  // unit_length, patched
    out_.u16(5);
    out_.u8(8);  // address_size
    out_.u8(0);  // segment_selector_size
    const std::size_t headerLengthAt = out_.size();
    out_.u32(0);  // header_length, patched
    out_.u8(1);   // minimum_instruction_length
    out_.u8(1);   // maximum_operations_per_instruction
    out_.u8(1);   // default_is_stmt
    out_.u8(static_cast<std::uint8_t>(kLineBase));
    out_.u8(kLineRange);
    out_.u8(kOpcodeBase);
    for (int length : {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1})
      out_.u8(static_cast<std::uint64_t>(length));
    auto lineString = [&](const std::string& text) {
      const std::uint32_t offset = lineStrings.offset(lineStrings.add(text));
      line.relocations.push_back(
          {out_.size(), R_X86_64_32, static_cast<std::uint32_t>(sections.lineStr), true, offset});
      out_.u32(offset);
    };
    out_.u8(1);  // directory_entry_format_count
    out_.uleb(DW_LNCT_path);
    out_.uleb(DW_FORM_line_strp);
    out_.uleb(1);
    lineString(unit.compilationDirectory);
    out_.u8(2);  // file_name_entry_format_count
    out_.uleb(DW_LNCT_path);
    out_.uleb(DW_FORM_line_strp);
    out_.uleb(DW_LNCT_directory_index);
    out_.uleb(DW_FORM_udata);
    // Entry 0 is the primary file (DWARF 5); entries 1..n repeat every file so
    // that file numbers are 1-based as older consumers expect.
    out_.uleb(unit.files.size() + 1);
    lineString(unit.files.empty() ? std::string("<none>") : unit.files[0]);
    out_.uleb(0);
    for (const std::string& file : unit.files) {
      lineString(file);
      out_.uleb(0);
    }
    out_.patch32(headerLengthAt, static_cast<std::uint32_t>(out_.size() - headerLengthAt - 4));

    out_.u8(0);  // extended opcode: DW_LNE_set_address
    out_.uleb(9);
    out_.u8(DW_LNE_set_address);
    line.relocations.push_back(
        {out_.size(), R_X86_64_64, static_cast<std::uint32_t>(sections.text), true, 0});
    out_.u64(0);
    used_ = out_.size();
  }

  void addRows(const DebugLineRow* rows, std::size_t count) {
    rowCount_ += count;
    // Written through a pointer into slack kept past the used bytes, as the
    // assembler does, instead of a push_back (a capacity test) per byte.
    std::vector<std::uint8_t>& bytes = out_.bytes;
    constexpr std::size_t kMostBytesPerRow = 64;  // 7 opcodes, LEB128s of at most 10 bytes
    for (const DebugLineRow* row = rows; row != rows + count; ++row) {
      if (bytes.size() - used_ < kMostBytesPerRow)
        bytes.resize(std::max(bytes.size() * 2, used_ + 4096));
      std::uint8_t* p = bytes.data() + used_;
      // The flags for the row first (they make no row), then the row: most
      // rows move a few bytes and lines, which one special opcode does
      // (DWARF 5 §6.2.5.1), instead of advance_pc, advance_line and copy
      // (.debug_line of the 100k-line benchmark: 1.9 -> 1.1 MB).
      if (row->file + 1 != file_) {
        file_ = row->file + 1;
        *p++ = DW_LNS_set_file;
        p = putUleb(p, file_);
      }
      if (row->column != column_) {
        column_ = row->column;
        *p++ = DW_LNS_set_column;
        p = putUleb(p, column_);
      }
      if (row->isStatement != isStatement_) {
        isStatement_ = row->isStatement;
        *p++ = DW_LNS_negate_stmt;
      }
      if (row->prologueEnd) *p++ = DW_LNS_set_prologue_end;
      const std::uint64_t addressDelta = row->address > address_ ? row->address - address_ : 0;
      const std::int64_t lineDelta = static_cast<std::int64_t>(row->line) - line_;
      address_ += addressDelta;
      line_ = row->line;
      used_ = static_cast<std::size_t>(encodeStep(p, addressDelta, lineDelta) - bytes.data());
    }
  }

  std::size_t rowCount() const { return rowCount_; }

  // The end of the sequence at the end of .text; the section's bytes.
  std::vector<std::uint8_t> finish(std::uint64_t textSize) {
    out_.bytes.resize(used_);
    if (textSize > address_) {
      out_.u8(DW_LNS_advance_pc);
      out_.uleb(textSize - address_);
    }
    out_.u8(0);
    out_.uleb(1);
    out_.u8(DW_LNE_end_sequence);
    out_.patch32(0, static_cast<std::uint32_t>(out_.size() - 4));
    return std::move(out_.bytes);
  }

 private:
  // A row `addressDelta` bytes and `lineDelta` lines on: one special opcode
  // when both are small, else advance_pc, advance_line and copy.
  static std::uint8_t* encodeStep(std::uint8_t* p, std::uint64_t addressDelta,
                                  std::int64_t lineDelta) {
    if (lineDelta >= kLineBase && lineDelta < kLineBase + kLineRange &&
        addressDelta <= static_cast<std::uint64_t>((255 - kOpcodeBase) / kLineRange)) {
      const std::int64_t special = (lineDelta - kLineBase) +
                                   kLineRange * static_cast<std::int64_t>(addressDelta) +
                                   kOpcodeBase;
      if (special <= 255) {
        *p++ = static_cast<std::uint8_t>(special);
        return p;
      }
    }
    if (addressDelta > 0) {
      *p++ = DW_LNS_advance_pc;
      p = putUleb(p, addressDelta);
    }
    if (lineDelta != 0) {
      *p++ = DW_LNS_advance_line;
      p = putSleb(p, lineDelta);
    }
    *p++ = DW_LNS_copy;
    return p;
  }

  ByteWriter out_;
  std::size_t used_ = 0;
  std::size_t rowCount_ = 0;
  std::uint64_t address_ = 0;
  std::int64_t line_ = 1;
  std::uint32_t file_ = 1, column_ = 0;
  bool isStatement_ = true;
};

std::vector<std::uint8_t> addressRanges(const DebugCompileUnit& unit, const Sections& sections,
                                        ElfSection& aranges) {
  ByteWriter out;
  out.u32(0);
  out.u16(2);
  aranges.relocations.push_back(
      {out.size(), R_X86_64_32, static_cast<std::uint32_t>(sections.info), true, 0});
  out.u32(0);  // debug_info_offset
  out.u8(8);
  out.u8(0);
  out.u32(0);  // pad the 12-byte header to a multiple of 2 * address_size
  aranges.relocations.push_back(
      {out.size(), R_X86_64_64, static_cast<std::uint32_t>(sections.text), true, 0});
  out.u64(0);
  out.u64(unit.textSize);
  out.u64(0);
  out.u64(0);
  out.patch32(0, static_cast<std::uint32_t>(out.size() - 4));
  return out.bytes;
}

void padTo8(ByteWriter& out, std::size_t start) {
  while ((out.size() - start) % 8 != 0) out.u8(DW_CFA_nop);
}

// .debug_frame (DWARF 5 section 6.4): one CIE (CFA = rsp+8, return address
// at CFA-8) and per function an FDE for `push rbp; mov rbp, rsp` ... `leave; ret`.
std::vector<std::uint8_t> callFrames(const DebugCompileUnit& unit, const Sections& sections,
                                     ElfSection& frame) {
  ByteWriter out;
  // An FDE is 40-56 bytes with two relocations: both lists sized once.
  out.bytes.reserve(32 + unit.functions.size() * 56);
  frame.relocations.reserve(frame.relocations.size() + 2 * unit.functions.size());
  out.u32(0);
  out.u32(0xffffffff);  // CIE_id
  out.u8(4);            // version
  out.u8(0);            // augmentation ""
  out.u8(8);            // address_size
  out.u8(0);            // segment_selector_size
  out.uleb(1);          // code_alignment_factor
  out.sleb(-8);         // data_alignment_factor
  out.uleb(kDwarfRegReturnAddress);
  out.u8(DW_CFA_def_cfa);
  out.uleb(kDwarfRegRsp);
  out.uleb(8);
  out.u8(DW_CFA_offset | kDwarfRegReturnAddress);
  out.uleb(1);
  padTo8(out, 4);
  out.patch32(0, static_cast<std::uint32_t>(out.size() - 4));
  for (const DebugFunction& function : unit.functions) {
    const std::size_t start = out.size();
    out.u32(0);
    frame.relocations.push_back(
        {out.size(), R_X86_64_32, static_cast<std::uint32_t>(sections.frame), true, 0});
    out.u32(0);  // CIE_pointer: offset of the CIE in .debug_frame
    frame.relocations.push_back({out.size(), R_X86_64_64, static_cast<std::uint32_t>(sections.text),
                                 true, static_cast<std::int64_t>(function.lowPc)});
    out.u64(function.lowPc);
    out.u64(function.highPc - function.lowPc);
    out.u8(DW_CFA_advance_loc | 1);  // after push rbp (1 byte)
    out.u8(DW_CFA_def_cfa_offset);
    out.uleb(16);
    out.u8(DW_CFA_offset | kDwarfRegRbp);
    out.uleb(2);
    out.u8(DW_CFA_advance_loc | 3);  // after mov rbp, rsp (3 bytes)
    out.u8(DW_CFA_def_cfa_register);
    out.uleb(kDwarfRegRbp);
    std::uint64_t at = function.lowPc + 4;
    if (!function.savedRegisters.empty() && function.savesEnd > at) {
      out.u8(0x04);  // DW_CFA_advance_loc4
      out.u32(static_cast<std::uint32_t>(function.savesEnd - at));
      at = function.savesEnd;
      for (const DebugFunction::SavedRegister& saved : function.savedRegisters) {
        // x86 numbers rbx=3, r12-r15 = 12-15 are also their DWARF numbers;
        // CFA = rbp + 16, factored by the CIE's data alignment of -8.
        out.u8(static_cast<std::uint8_t>(DW_CFA_offset | saved.reg));
        out.uleb(static_cast<std::uint64_t>((16 - saved.frameOffset) / 8));
      }
    }
    const std::uint64_t afterLeave = function.epilogueOffset + 1;
    if (function.epilogueOffset > at && afterLeave < function.highPc) {
      out.u8(0x04);  // DW_CFA_advance_loc4
      out.u32(afterLeave - at);
      out.u8(DW_CFA_def_cfa);
      out.uleb(kDwarfRegRsp);
      out.uleb(8);
    }
    padTo8(out, start + 4);
    out.patch32(start, static_cast<std::uint32_t>(out.size() - start - 4));
  }
  return out.bytes;
}

// .debug_str_offsets (DWARF 5 §7.26): a header, then each string's
// .debug_str offset, relocated (written in place too, for readers that do
// not apply relocations).
void writeStringOffsets(const StringPool& strings, const Sections& sections, ElfSection& offsets) {
  ByteWriter out;
  out.bytes.reserve(8 + 4 * strings.offsets().size());
  out.u32(static_cast<std::uint32_t>(4 + 4 * strings.offsets().size()));  // unit_length
  out.u16(5);
  out.u16(0);  // padding
  offsets.relocations.reserve(strings.offsets().size());
  for (const std::uint32_t offset : strings.offsets()) {
    offsets.relocations.push_back(
        {out.size(), R_X86_64_32, static_cast<std::uint32_t>(sections.str), true, offset});
    out.u32(offset);
  }
  offsets.bytes = std::move(out.bytes);
}

int debugSection(ElfObject& object, const char* name) {
  ElfSection section;
  section.name = name;
  section.type = SHT_PROGBITS;
  section.align = 1;
  return object.addSection(std::move(section));
}

}  // namespace

struct DwarfUnitWriter::State {
  ElfObject& object;
  Sections sections{};
  InfoBuilder builder;
  int highPcAttribute = -1;
  StringPool lineStrings;
  LineProgram lines;
  State(const ir::TypeTable& types, ElfObject& o, const Sections& s)
      : object(o), sections(s), builder(types, s) {}
};

namespace {

Sections addDebugSections(ElfObject& object, int textSection) {
  Sections sections{};
  sections.text = textSection;
  sections.info = debugSection(object, ".debug_info");
  sections.abbrev = debugSection(object, ".debug_abbrev");
  sections.str = debugSection(object, ".debug_str");
  sections.strOffsets = debugSection(object, ".debug_str_offsets");
  sections.line = debugSection(object, ".debug_line");
  sections.lineStr = debugSection(object, ".debug_line_str");
  sections.aranges = debugSection(object, ".debug_aranges");
  sections.frame = debugSection(object, ".debug_frame");
  // .debug_str is not marked mergeable: the linker would fold a string into
  // the tail of a longer one ("x" into "/tmp/sx"), which strx offsets may
  // not point into (llvm-dwarfdump --verify: "neither zero nor immediately
  // following a null character"); its strings are distinct already.
  object.sections[static_cast<std::size_t>(sections.lineStr)].flags = SHF_MERGE | SHF_STRINGS;
  object.sections[static_cast<std::size_t>(sections.lineStr)].entrySize = 1;
  object.sections[static_cast<std::size_t>(sections.frame)].align = 8;
  return sections;
}

}  // namespace

DwarfUnitWriter::DwarfUnitWriter(const DebugCompileUnit& unit, const ir::TypeTable& types,
                                 int textSection, ElfObject& object, std::size_t expectedFunctions,
                                 std::size_t expectedInstructions)
    : state_(std::make_unique<State>(types, object, addDebugSections(object, textSection))) {
  InfoBuilder& builder = state_->builder;
  const Sections& sections = state_->sections;
  // Every DIE but the types' is one per function, parameter, variable or
  // block (on the 100k-line benchmark: ~7 per function, one per ~14 IR
  // instructions): reserved so the DIE and attribute lists grow once.
  builder.reserve(1 + unit.globals.size() + 2 * types.count() + 2 * expectedFunctions +
                  expectedInstructions / 12);
  // Mostly the functions' names; the rest (variables', types') repeat.
  builder.strings.reserve(expectedFunctions + unit.globals.size() + 256);
  builder.unit = builder.addDie(DW_TAG_compile_unit, -1);
  // The unit's strx values index the table after the offsets section's
  // 8-byte header.
  builder.add(builder.unit,
              attributeOf(DW_AT_str_offsets_base, DW_FORM_sec_offset, 8, sections.strOffsets));
  builder.string(builder.unit, DW_AT_producer, unit.producer);
  builder.constant(builder.unit, DW_AT_language, DW_FORM_data2, DW_LANG_C99);
  builder.string(builder.unit, DW_AT_name,
                 unit.files.empty() ? std::string("<none>") : unit.files[0]);
  builder.string(builder.unit, DW_AT_comp_dir, unit.compilationDirectory);
  builder.address(builder.unit, DW_AT_low_pc, 0);
  builder.constant(builder.unit, DW_AT_high_pc, DW_FORM_data8, 0);  // set by finish()
  state_->highPcAttribute = builder.lastAttributeIndex();
  builder.add(builder.unit, attributeOf(DW_AT_stmt_list, DW_FORM_sec_offset, 0, sections.line));
  for (const DebugGlobal& global : unit.globals) addGlobal(builder, global);
  // About one row per two instructions.
  state_->lines.begin(unit, sections, state_->lineStrings,
                      object.sections[static_cast<std::size_t>(sections.line)],
                      expectedInstructions / 2);
}

DwarfUnitWriter::~DwarfUnitWriter() = default;

void DwarfUnitWriter::addFunction(const DebugFunction& function, const DebugLineRow* rows,
                                  std::size_t rowCount) {
  codegen::addFunction(state_->builder, function);
  state_->lines.addRows(rows, rowCount);
}

void DwarfUnitWriter::finish(const DebugCompileUnit& unit) {
  State& state = *state_;
  ElfObject& object = state.object;
  const Sections& sections = state.sections;
  // .debug_line's end, .debug_aranges and .debug_frame do not depend on
  // .debug_info: for a large unit they are built on a second thread
  // meanwhile (each section is its own ElfSection).
  auto writeOtherSections = [&] {
    object.sections[static_cast<std::size_t>(sections.line)].bytes =
        state.lines.finish(unit.textSize);
    object.sections[static_cast<std::size_t>(sections.lineStr)].bytes =
        state.lineStrings.writer.bytes;
    ElfSection& aranges = object.sections[static_cast<std::size_t>(sections.aranges)];
    aranges.bytes = addressRanges(unit, sections, aranges);
    ElfSection& frame = object.sections[static_cast<std::size_t>(sections.frame)];
    frame.bytes = callFrames(unit, sections, frame);
  };
  constexpr std::size_t kRowsForAThread = 20000;
  std::future<void> otherSections;
  if (state.lines.rowCount() >= kRowsForAThread)
    otherSections = std::async(std::launch::async, writeOtherSections);

  InfoBuilder& builder = state.builder;
  builder.setValue(state.highPcAttribute, unit.textSize);
  ElfSection& info = object.sections[static_cast<std::size_t>(sections.info)];
  info.bytes = builder.write(info, object.sections[static_cast<std::size_t>(sections.abbrev)]);
  object.sections[static_cast<std::size_t>(sections.str)].bytes = builder.strings.writer.bytes;
  writeStringOffsets(builder.strings, sections,
                     object.sections[static_cast<std::size_t>(sections.strOffsets)]);
  if (otherSections.valid())
    otherSections.get();  // (rethrows what the thread threw)
  else
    writeOtherSections();
}

}  // namespace tide::codegen
