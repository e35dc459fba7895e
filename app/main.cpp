// tide: a headless command when the first argument names one, the IDE
// otherwise. Commands run before any Qt object exists, so they work on a
// machine without a display.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "gui/gui_main.h"

int main(int argc, char** argv) {
  if (argc > 1) {
    const std::string first = argv[1];
    if (const tide::cli::Command* command = tide::cli::findCommand(first)) {
      const std::vector<std::string> arguments(argv + 2, argv + argc);
      return command->run(arguments);
    }
    if (first.size() > 1 && first[0] == '-') {
      std::fprintf(stderr, "tide: unknown option '%s' (see tide --help)\n", first.c_str());
      return 2;
    }
  }
  return tide::gui::runGui(argc, argv);
}
