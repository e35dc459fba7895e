// llvm-dwarfdump-like text for line tables. The row format is copied from
// LLVM's DWARFDebugLine::Row::dump so the two outputs can be diffed.
#include "tide/debugger/dwarf_dump.h"

#include <cinttypes>
#include <cstdio>

#include "tide/debugger/dwarf_sections.h"

namespace tide::debugger {

std::string formatLineRow(const LineRow& row) {
  char text[160];
  std::snprintf(text, sizeof text, "0x%016" PRIx64 " %6u %6u %6" PRIu64 " %3u %13u %7u ",
                row.address, row.line, row.column, row.file, row.isa, row.discriminator,
                row.opIndex);
  std::string line = text;
  if (row.isStmt) line += " is_stmt";
  if (row.basicBlock) line += " basic_block";
  if (row.prologueEnd) line += " prologue_end";
  if (row.epilogueBegin) line += " epilogue_begin";
  if (row.endSequence) line += " end_sequence";
  return line;
}

std::string formatLineTable(const LineTable& table) {
  const LineTableHeader& header = table.header;
  char text[96];
  std::string out;
  std::snprintf(text, sizeof text, "debug_line[0x%08" PRIx64 "]\n", header.offset);
  out += text;
  std::snprintf(text, sizeof text, "         version: %u\n    address_size: %u\n", header.version,
                header.addressSize);
  out += text;
  // Directories and files are numbered as the table's opcodes number them.
  const unsigned firstIndex = header.version >= 5 ? 0 : 1;
  for (std::size_t i = 0; i < header.includeDirectories.size(); ++i) {
    std::snprintf(text, sizeof text, "include_directories[%3zu] = ", i + firstIndex);
    out += text + ("\"" + header.includeDirectories[i] + "\"\n");
  }
  for (std::size_t i = 0; i < header.fileNames.size(); ++i) {
    const LineFileEntry& file = header.fileNames[i];
    std::snprintf(text, sizeof text, "file_names[%3zu]: dir_index %" PRIu64 " name ",
                  i + firstIndex, file.directoryIndex);
    out += text + ("\"" + file.path + "\"\n");
  }
  out +=
      "\nAddress            Line   Column File   ISA Discriminator OpIndex Flags\n"
      "------------------ ------ ------ ------ --- ------------- ------- -------------\n";
  for (const LineRow& row : table.rows) out += formatLineRow(row) + "\n";
  return out;
}

Expected<std::string> dumpDebugLine(const ElfFile& file) {
  auto sections = loadDwarfSections(file);
  if (!sections) return sections.error();
  auto tables = parseAllLineTables(*sections);
  if (!tables) return tables.error();
  std::string out = ".debug_line contents:\n";
  for (const auto& table : *tables) out += formatLineTable(table) + "\n";
  return out;
}

}  // namespace tide::debugger
