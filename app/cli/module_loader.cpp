// runModule (see module_loader.h). Modules are found relative to the running
// executable, not through the library search path, so a build tree and an
// installed tree each load their own.
#include "cli/module_loader.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace tide::cli {
namespace {

std::string modulePath(const ModuleEntry& entry) {
  if (const char* overridden = std::getenv(entry.overrideEnv); overridden && *overridden)
    return overridden;
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return entry.file;
  return (executable.parent_path().parent_path() / "lib" / "tide" / entry.file).string();
}

}  // namespace

int runModule(const ModuleEntry& entry, int argc, char** argv) {
  const std::string path = modulePath(entry);
  void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) {
    std::fprintf(stderr, "tide: cannot %s: %s\n", entry.purpose, dlerror());
    return 1;
  }
  using EntryFunction = int (*)(int, char**);
  const auto function = reinterpret_cast<EntryFunction>(dlsym(module, entry.function));
  if (function == nullptr) {
    std::fprintf(stderr, "tide: cannot %s: %s has no %s\n", entry.purpose, path.c_str(),
                 entry.function);
    return 1;
  }
  // The module stays loaded until exit: its libraries register atexit handlers.
  return function(argc, argv);
}

}  // namespace tide::cli
