// The line number program (DWARF 5 §6.2): the header parser, then the state
// machine that runs standard, extended and special opcodes and appends rows.
// The cursor spans the whole section, so every error offset is a
// .debug_line offset; the unit's end limits every read.
#include "tide/debugger/dwarf_line.h"

#include "dwarf_form.h"
#include "tide/codegen/dwarf_constants.h"

namespace tide::debugger {

using namespace dwarf;

namespace {

struct EntryFormat {
  std::uint64_t contentType;
  std::uint16_t form;
};

// DWARF 5 directory/file entry formats (§6.2.4 items 14-22).
std::vector<EntryFormat> readEntryFormats(DataCursor& cursor) {
  std::vector<EntryFormat> formats(cursor.u8());
  for (auto& format : formats) {
    format.contentType = cursor.uleb128();
    format.form = static_cast<std::uint16_t>(cursor.uleb128());
  }
  return formats;
}

LineFileEntry readV5Entry(DataCursor& cursor, const std::vector<EntryFormat>& formats,
                          const DwarfFormContext& context) {
  LineFileEntry entry;
  for (const auto& format : formats) {
    std::uint64_t at = cursor.offset();
    DwarfFormValue value = readFormValue(cursor, format.form, context);
    switch (format.contentType) {
      case DW_LNCT_path:
        if (value.string.empty() && value.form != DW_FORM_string && value.form != DW_FORM_strp &&
            value.form != DW_FORM_line_strp && !isStringIndexForm(value.form))
          cursor.failAt(at, "DW_LNCT_path has a non-string form");
        entry.path = std::move(value.string);
        break;
      case DW_LNCT_directory_index: entry.directoryIndex = value.unsignedValue; break;
      case DW_LNCT_timestamp: entry.modificationTime = value.unsignedValue; break;
      case DW_LNCT_size: entry.length = value.unsignedValue; break;
      case DW_LNCT_MD5:
        if (value.block.size() != 16) {
          cursor.failAt(at, "DW_LNCT_MD5 is not DW_FORM_data16");
          break;
        }
        entry.md5.emplace();
        std::copy(value.block.begin(), value.block.end(), entry.md5->begin());
        break;
      default: break;  // vendor content types are skipped by their form
    }
  }
  return entry;
}

// An entry format whose forms take no bytes would let a corrupt count of
// 2^64 entries loop without ever reaching the end of the data.
void rejectEmptyEntry(DataCursor& cursor, std::uint64_t entryStart) {
  if (!cursor.failed() && cursor.offset() == entryStart)
    cursor.failAt(entryStart, "directory or file entry format takes no bytes");
}

void readV5DirectoriesAndFiles(DataCursor& cursor, LineTableHeader& header,
                               const DwarfFormContext& context) {
  auto directoryFormats = readEntryFormats(cursor);
  std::uint64_t directoryCount = cursor.uleb128();
  for (std::uint64_t i = 0; i < directoryCount && !cursor.failed(); ++i) {
    const std::uint64_t start = cursor.offset();
    header.includeDirectories.push_back(readV5Entry(cursor, directoryFormats, context).path);
    rejectEmptyEntry(cursor, start);
  }
  auto fileFormats = readEntryFormats(cursor);
  std::uint64_t fileCount = cursor.uleb128();
  for (std::uint64_t i = 0; i < fileCount && !cursor.failed(); ++i) {
    const std::uint64_t start = cursor.offset();
    header.fileNames.push_back(readV5Entry(cursor, fileFormats, context));
    rejectEmptyEntry(cursor, start);
  }
}

LineFileEntry readV4FileEntry(DataCursor& cursor, std::string_view path) {
  LineFileEntry entry;
  entry.path = std::string(path);
  entry.directoryIndex = cursor.uleb128();
  entry.modificationTime = cursor.uleb128();
  entry.length = cursor.uleb128();
  return entry;
}

void readV4DirectoriesAndFiles(DataCursor& cursor, LineTableHeader& header) {
  for (std::string_view directory = cursor.cstring(); !directory.empty() && !cursor.failed();
       directory = cursor.cstring())
    header.includeDirectories.emplace_back(directory);
  for (std::string_view path = cursor.cstring(); !path.empty() && !cursor.failed();
       path = cursor.cstring())
    header.fileNames.push_back(readV4FileEntry(cursor, path));
}

// Reads the header; leaves the cursor at the first opcode and returns the
// unit's end offset (0 on error).
std::uint64_t readHeader(DataCursor& cursor, LineTableHeader& header,
                         const DwarfSections& sections) {
  header.offset = cursor.offset();
  std::uint64_t length = cursor.u32();
  if (length == 0xffffffff) {
    header.is64BitFormat = true;
    length = cursor.u64();
  } else if (length >= 0xfffffff0) {
    cursor.failAt(header.offset, "unit_length uses a reserved value");
    return 0;
  }
  header.unitLength = length;
  std::uint64_t unitEnd = cursor.offset() + length;
  if (cursor.failed()) return 0;
  if (length > cursor.size() - cursor.offset()) {
    cursor.failAt(
        header.offset, "unit_length 0x" + [&] {
          char hex[24];
          std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(length));
          return std::string(hex);
        }() + " runs past the end of the section");
    return 0;
  }
  cursor.limitTo(unitEnd);
  std::uint64_t versionOffset = cursor.offset();
  header.version = cursor.u16();
  if (!cursor.failed() && (header.version < 2 || header.version > 5)) {
    cursor.failAt(versionOffset, "unsupported version " + std::to_string(header.version));
    return 0;
  }
  if (header.version >= 5) {
    header.addressSize = cursor.u8();
    header.segmentSelectorSize = cursor.u8();
    if (!cursor.failed() && header.addressSize != 4 && header.addressSize != 8) {
      cursor.failAt(versionOffset + 2,
                    "unsupported address_size " + std::to_string(header.addressSize));
      return 0;
    }
  }
  header.headerLength = cursor.unsignedOfSize(header.is64BitFormat ? 8 : 4);
  std::uint64_t programStart = cursor.offset() + header.headerLength;
  header.minimumInstructionLength = cursor.u8();
  if (header.version >= 4) header.maximumOperationsPerInstruction = cursor.u8();
  header.defaultIsStmt = cursor.u8() != 0;
  header.lineBase = static_cast<std::int8_t>(cursor.u8());
  std::uint64_t lineRangeOffset = cursor.offset();
  header.lineRange = cursor.u8();
  header.opcodeBase = cursor.u8();
  if (cursor.failed()) return 0;
  if (header.lineRange == 0) {
    cursor.failAt(lineRangeOffset, "line_range is 0");
    return 0;
  }
  if (header.maximumOperationsPerInstruction == 0) {
    cursor.failAt(lineRangeOffset - 3, "maximum_operations_per_instruction is 0");
    return 0;
  }
  for (unsigned opcode = 1; opcode < header.opcodeBase; ++opcode)
    header.standardOpcodeLengths.push_back(cursor.u8());
  DwarfFormContext context{header.version, header.addressSize, header.is64BitFormat, 0, &sections};
  if (header.version >= 5)
    readV5DirectoriesAndFiles(cursor, header, context);
  else
    readV4DirectoriesAndFiles(cursor, header);
  if (cursor.failed()) return 0;
  if (programStart > unitEnd || cursor.offset() > programStart) {
    cursor.failAt(header.offset, "header_length does not match the header's contents");
    return 0;
  }
  cursor.seek(programStart);
  return unitEnd;
}

// The state machine of §6.2.2 with the operations of §6.2.5.
class LineProgram {
 public:
  LineProgram(DataCursor& cursor, LineTable& table) : cursor_(cursor), table_(table) { reset(); }

  void run(std::uint64_t unitEnd) {
    while (cursor_.offset() < unitEnd && !cursor_.failed()) {
      std::uint64_t opcodeOffset = cursor_.offset();
      std::uint8_t opcode = cursor_.u8();
      if (opcode >= header().opcodeBase)
        special(opcode);
      else if (opcode == 0)
        extended(opcodeOffset);
      else
        standard(opcode);
    }
  }

 private:
  const LineTableHeader& header() const { return table_.header; }

  void reset() {
    row_ = LineRow{};
    row_.isStmt = header().defaultIsStmt;
  }

  void appendRow() {
    table_.rows.push_back(row_);
    if (row_.endSequence) {
      LineSequence sequence;
      sequence.firstRow = sequenceStart_;
      sequence.endRow = table_.rows.size();
      sequence.lowPc = table_.rows[sequenceStart_].address;
      sequence.highPc = row_.address;
      table_.sequences.push_back(sequence);
      sequenceStart_ = table_.rows.size();
    }
    row_.discriminator = 0;
    row_.basicBlock = row_.prologueEnd = row_.epilogueBegin = false;
  }

  // §6.2.5.1: "operation advance" moves address and op_index together.
  void advance(std::uint64_t operationAdvance) {
    const std::uint64_t maxOps = header().maximumOperationsPerInstruction;
    const std::uint64_t total = row_.opIndex + operationAdvance;
    row_.address += header().minimumInstructionLength * (total / maxOps);
    row_.opIndex = static_cast<std::uint8_t>(total % maxOps);
  }

  void special(std::uint8_t opcode) {
    const unsigned adjusted = opcode - header().opcodeBase;
    advance(adjusted / header().lineRange);
    row_.line += static_cast<std::uint32_t>(header().lineBase + adjusted % header().lineRange);
    appendRow();
  }

  void standard(std::uint8_t opcode) {
    switch (opcode) {
      case DW_LNS_copy: appendRow(); break;
      case DW_LNS_advance_pc: advance(cursor_.uleb128()); break;
      case DW_LNS_advance_line: row_.line += static_cast<std::uint32_t>(cursor_.sleb128()); break;
      case DW_LNS_set_file: row_.file = cursor_.uleb128(); break;
      case DW_LNS_set_column: row_.column = static_cast<std::uint16_t>(cursor_.uleb128()); break;
      case DW_LNS_negate_stmt: row_.isStmt = !row_.isStmt; break;
      case DW_LNS_set_basic_block: row_.basicBlock = true; break;
      case DW_LNS_const_add_pc: advance((255 - header().opcodeBase) / header().lineRange); break;
      case DW_LNS_fixed_advance_pc:
        row_.address += cursor_.u16();
        row_.opIndex = 0;
        break;
      case DW_LNS_set_prologue_end: row_.prologueEnd = true; break;
      case DW_LNS_set_epilogue_begin: row_.epilogueBegin = true; break;
      case DW_LNS_set_isa: row_.isa = static_cast<std::uint8_t>(cursor_.uleb128()); break;
      default:
        // An opcode this reader does not know: the header says how many
        // ULEB128 operands to skip (§6.2.5.2 and item 12 of §6.2.4).
        for (unsigned i = 0; i < header().standardOpcodeLengths[opcode - 1]; ++i) cursor_.uleb128();
    }
  }

  void extended(std::uint64_t opcodeOffset) {
    const std::uint64_t length = cursor_.uleb128();
    const std::uint64_t start = cursor_.offset();
    if (cursor_.failed()) return;
    if (length == 0) {
      cursor_.failAt(opcodeOffset, "extended opcode with length 0");
      return;
    }
    if (length > cursor_.size() - start) {
      cursor_.failAt(opcodeOffset, "extended opcode length runs past the end of the unit");
      return;
    }
    const std::uint8_t subOpcode = cursor_.u8();
    switch (subOpcode) {
      case DW_LNE_end_sequence:
        row_.endSequence = true;
        appendRow();
        reset();
        break;
      case DW_LNE_set_address: {
        const std::uint64_t size = length - 1;
        if (size != 4 && size != 8) {
          cursor_.failAt(opcodeOffset, "DW_LNE_set_address with an operand of " +
                                           std::to_string(size) + " bytes");
          return;
        }
        row_.address = cursor_.unsignedOfSize(static_cast<unsigned>(size));
        row_.opIndex = 0;
        break;
      }
      case DW_LNE_define_file: {
        std::string_view path = cursor_.cstring();
        table_.header.fileNames.push_back(readV4FileEntry(cursor_, path));
        break;
      }
      case DW_LNE_set_discriminator:
        row_.discriminator = static_cast<std::uint32_t>(cursor_.uleb128());
        break;
      default: cursor_.seek(start + length); break;  // vendor opcodes: skip
    }
    if (!cursor_.failed() && cursor_.offset() != start + length)
      cursor_.failAt(opcodeOffset, "extended opcode " + std::to_string(subOpcode) + " has length " +
                                       std::to_string(length) + " but uses " +
                                       std::to_string(cursor_.offset() - start));
  }

  DataCursor& cursor_;
  LineTable& table_;
  LineRow row_;
  std::size_t sequenceStart_ = 0;
};

}  // namespace

const LineFileEntry* LineTable::file(std::uint64_t fileIndex) const {
  const std::uint64_t position = header.version >= 5 ? fileIndex : fileIndex - 1;
  if (header.version < 5 && fileIndex == 0) return nullptr;
  return position < header.fileNames.size() ? &header.fileNames[position] : nullptr;
}

std::string LineTable::filePath(std::uint64_t fileIndex) const {
  const LineFileEntry* entry = file(fileIndex);
  if (!entry) return "";
  if (!entry->path.empty() && entry->path[0] == '/') return entry->path;
  // Before v5, directory 0 is the compilation directory, not in the header.
  std::uint64_t directory = entry->directoryIndex;
  const std::string* directoryPath = nullptr;
  if (header.version >= 5 && directory < header.includeDirectories.size())
    directoryPath = &header.includeDirectories[directory];
  else if (header.version < 5 && directory >= 1 && directory <= header.includeDirectories.size())
    directoryPath = &header.includeDirectories[directory - 1];
  if (!directoryPath || directoryPath->empty()) return entry->path;
  return *directoryPath + "/" + entry->path;
}

Expected<LineTable> parseLineTable(const DwarfSections& sections, std::uint64_t offset) {
  DataCursor cursor(sections.debugLine, ".debug_line");
  cursor.seek(offset);
  LineTable table;
  std::uint64_t unitEnd = readHeader(cursor, table.header, sections);
  if (cursor.failed()) return cursor.takeError();
  LineProgram program(cursor, table);
  program.run(unitEnd);
  if (cursor.failed()) return cursor.takeError();
  return table;
}

Expected<std::vector<LineTable>> parseAllLineTables(const DwarfSections& sections) {
  std::vector<LineTable> tables;
  std::uint64_t offset = 0;
  while (offset < sections.debugLine.size()) {
    auto table = parseLineTable(sections, offset);
    if (!table) return table.error();
    const auto& header = table->header;
    offset = header.offset + header.unitLength + (header.is64BitFormat ? 12 : 4);
    tables.push_back(std::move(*table));
  }
  return tables;
}

}  // namespace tide::debugger
