#include <cstdio>

#include "cli/command.h"
#include "cli/commands.h"
#include "tide/core/version.h"

namespace tide::cli {

int runVersion(std::span<const std::string>) {
  std::printf("tide %.*s\n", static_cast<int>(core::versionString().size()),
              core::versionString().data());
  return 0;
}

int runHelp(std::span<const std::string>) {
  std::printf(
      "usage: tide [FILE.toy...]        open the IDE (with the files, if given)\n"
      "       tide COMMAND [ARGS...]    run a headless command\n\ncommands:\n");
  for (const Command& command : commands()) {
    std::string left = std::string(command.name);
    if (!command.usage.empty()) left += " " + std::string(command.usage);
    std::printf("  %-34s %.*s\n", left.c_str(), static_cast<int>(command.summary.size()),
                command.summary.data());
  }
  return 0;
}

}  // namespace tide::cli
