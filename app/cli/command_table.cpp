// The one table of commands. A command is listed here only once it works.
#include <cstdio>

#include "cli/command.h"
#include "cli/commands.h"

namespace tide::cli {

namespace {

const Command kCommands[] = {
    {"--help", "", "list the commands", runHelp},
    {"--version", "", "print the version", runVersion},
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
