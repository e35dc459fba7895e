// Text dumps of DWARF in a stable format close to llvm-dwarfdump's, for
// `tide dwarfdump` and for golden tests. Rows use llvm-dwarfdump's columns
// exactly: Address Line Column File ISA Discriminator OpIndex Flags.
#pragma once

#include <string>

#include "tide/debugger/debug_info_error.h"
#include "tide/debugger/dwarf_line.h"
#include "tide/debugger/elf_file.h"

namespace tide::debugger {

// One line table: "debug_line[0x...]", the header's version, directories and
// files, then one line per row.
std::string formatLineTable(const LineTable& table);
// One row: "0x0000000000001139      2      5      1   0             0       0  is_stmt"
std::string formatLineRow(const LineRow& row);
// Every line table of the file's .debug_line.
Expected<std::string> dumpDebugLine(const ElfFile& file);

}  // namespace tide::debugger
