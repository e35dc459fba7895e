// The headless commands of `tide`. Each is a thin layer over library calls,
// so the GUI and the batch engine use the same functions. None of them needs
// a display: main() dispatches here before any Qt object exists.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tide::cli {

struct Command {
  std::string_view name;     // as typed: "check", "--version"
  std::string_view usage;    // arguments, for --help
  std::string_view summary;  // one line, for --help
  int (*run)(std::span<const std::string> arguments);
};

// Every command, in the order `tide --help` lists them.
std::span<const Command> commands();
const Command* findCommand(std::string_view name);

}  // namespace tide::cli
