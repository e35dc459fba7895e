// The one table of commands. A command is listed here only once it works.
#include <cstdio>

#include "cli/command.h"
#include "cli/commands.h"

namespace tide::cli {

namespace {

const Command kCommands[] = {
    {"--help", "", "list the commands", runHelp},
    {"--version", "", "print the version", runVersion},
    {"check", "FILE...", "check Toy files; print diagnostics (exit 1 on error)", runCheck},
    {"ir", "FILE...", "print the IR of a Toy program", runIr},
    {"run", "[--interp] [-O0] FILE... [-- ARGS]",
     "compile and run a Toy program; exit with its status", runRun},
    {"build", "[-c] FILE... -o OUT", "compile to an object (-c) or a linked executable", runBuild},
    {"dbg", "FILE... [-- ARGS]", "debug a Toy program (commands on stdin; help lists them)",
     runDbg},
    {"dwarfdump", "--debug-line FILE", "print the line tables of an ELF file", runDwarfdump},
    {"--batch", "[DIR|FILE...] [OPTIONS]", "run the corpus in every lane (docs/batch.md)",
     runBatch},
    {"--batch-merge", "A.json... --junit OUT.xml", "merge --batch --json files into one report",
     runBatchMerge},
};

}  // namespace

std::span<const Command> commands() { return kCommands; }

const Command* findCommand(std::string_view name) {
  for (const Command& command : kCommands)
    if (command.name == name) return &command;
  if (name == "-h") return findCommand("--help");
  return nullptr;
}

}  // namespace tide::cli
