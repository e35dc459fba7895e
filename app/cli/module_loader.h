// Parts of Tide that need big libraries (the IDE needs Qt, the debugger
// needs LLDB) are modules the `tide` executable loads only when a user asks
// for them, so headless commands start fast. Only argc/argv cross into a
// module: each brings its own C++ runtime.
#pragma once

namespace tide::cli {

struct ModuleEntry {
  const char* file;         // "tide-gui.so", looked up in lib/tide/ beside bin/
  const char* overrideEnv;  // environment variable naming another path
  const char* function;     // extern "C" int function(int argc, char** argv)
  const char* purpose;      // "open the IDE", for the error message
};

// Loads the module and returns its entry function's result, or 1 after
// printing "tide: cannot <purpose>: <why>" when it cannot be loaded.
int runModule(const ModuleEntry& entry, int argc, char** argv);

}  // namespace tide::cli
