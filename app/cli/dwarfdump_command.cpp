// `tide dwarfdump --debug-line FILE`: the line tables of an ELF file as our
// reader sees them, in llvm-dwarfdump's row format, so the two can be diffed
// when a line table is in doubt.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "tide/debugger/dwarf_dump.h"
#include "tide/debugger/elf_file.h"

namespace tide::cli {

int runDwarfdump(std::span<const std::string> arguments) {
  if (arguments.size() != 2 || arguments[0] != "--debug-line") {
    std::fprintf(stderr, "usage: tide dwarfdump --debug-line FILE\n");
    return 2;
  }
  auto file = debugger::ElfFile::fromPath(arguments[1]);
  if (!file) {
    std::fprintf(stderr, "tide dwarfdump: %s: %s\n", arguments[1].c_str(),
                 file.error().text().c_str());
    return 1;
  }
  auto dump = debugger::dumpDebugLine(*file);
  if (!dump) {
    std::fprintf(stderr, "tide dwarfdump: %s: %s\n", arguments[1].c_str(),
                 dump.error().text().c_str());
    return 1;
  }
  std::fputs(dump->c_str(), stdout);
  return 0;
}

}  // namespace tide::cli
