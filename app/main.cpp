// tide: a headless command when the first argument names one, the IDE
// otherwise. Commands never load Qt (the IDE is a module loaded on demand),
// so they start fast and work on a machine without a display.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/module_loader.h"

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
  static constexpr tide::cli::ModuleEntry kIde{
      .file = "tide-gui.so",
      .overrideEnv = "TIDE_GUI_MODULE",
      .function = "tide_gui_main",
      .purpose = "open the IDE",
  };
  return tide::cli::runModule(kIde, argc, argv);
}
