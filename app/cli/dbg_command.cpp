// `tide dbg`: loads the debugger front end, the module tide-dbg.so
// (app/dbg/), only when asked, so the `tide` executable links neither LLDB
// nor the debugger engine and every other command starts fast. The module is
// looked up like the IDE's (lib/tide/ beside bin/, or $TIDE_DBG_MODULE).
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/module_loader.h"

namespace tide::cli {

int runDbg(std::span<const std::string> arguments) {
  static constexpr ModuleEntry kDebugger{
      .file = "tide-dbg.so",
      .overrideEnv = "TIDE_DBG_MODULE",
      .function = "tide_dbg_main",
      .purpose = "start the debugger",
  };
  std::vector<std::string> argvStrings = {"tide-dbg"};
  argvStrings.insert(argvStrings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& argument : argvStrings) argv.push_back(argument.data());
  argv.push_back(nullptr);
  return runModule(kDebugger, static_cast<int>(argvStrings.size()), argv.data());
}

}  // namespace tide::cli
