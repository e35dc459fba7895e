// Helpers shared by the codegen tests: run a shell command and capture its
// output and exit status, write bytes to a fresh temporary file.
#pragma once

#include <sys/wait.h>

#include <unistd.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace tide::codegen::testing {

struct CommandResult {
  int status = -1;     // exit status, or 128 + signal
  std::string output;  // stdout and stderr together
};

inline CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  const int raw = pclose(pipe);
  if (WIFEXITED(raw))
    result.status = WEXITSTATUS(raw);
  else if (WIFSIGNALED(raw))
    result.status = 128 + WTERMSIG(raw);
  return result;
}

// A directory unique to this process under /tmp, created on first use.
inline std::string scratchDirectory() {
  static const std::string directory = [] {
    std::string pattern = "/tmp/tide-codegen-tests-XXXXXX";
    char* made = mkdtemp(pattern.data());
    return std::string(made ? made : "/tmp");
  }();
  return directory;
}

inline std::string writeScratchFile(const std::string& name,
                                    const std::vector<std::uint8_t>& bytes) {
  const std::string path = scratchDirectory() + "/" + name;
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  return path;
}

inline std::string writeScratchText(const std::string& name, const std::string& text) {
  return writeScratchFile(name, std::vector<std::uint8_t>(text.begin(), text.end()));
}

inline bool mentionsWarning(const std::string& text) {
  return text.find("Warning") != std::string::npos || text.find("warning") != std::string::npos ||
         text.find("rror") != std::string::npos;
}

}  // namespace tide::codegen::testing

// ---- Toy programs: source -> IR (core) -> object (codegen) -> cc -> run.
#include <catch2/catch.hpp>

#include "tide/codegen/object.h"
#include "tide/core/compile.h"

namespace tide::codegen::testing {

struct BuiltProgram {
  std::string diagnostics;  // front-end errors, when it did not compile
  std::string objectPath;
  std::string executablePath;
  std::string linkOutput;
  bool linked = false;
};

// Compiles `source` as `name`.toy into scratch/name.o and links scratch/name.
// `extraLinkInputs` (e.g. a C file) are passed to cc after the object.
inline BuiltProgram buildToyProgram(const std::string& name, const std::string& source,
                                    const std::string& extraLinkInputs = "") {
  BuiltProgram built;
  const std::string sourcePath = writeScratchText(name + ".toy", source);
  core::CompileResult compiled = core::compileSources({{sourcePath, source}});
  if (!compiled.ok()) {
    built.diagnostics = core::formatDiagnostics(compiled);
    return built;
  }
  CodegenOptions options;
  options.compilationDirectory = scratchDirectory();
  const ObjectFile object = compileToObject(*compiled.module, options);
  built.objectPath = writeScratchFile(name + ".o", object.bytes);
  built.executablePath = scratchDirectory() + "/" + name;
  const CommandResult link = runCommand("cc -o " + built.executablePath + " " + built.objectPath +
                                        " " + extraLinkInputs + " -lm");
  built.linkOutput = link.output;
  built.linked = link.status == 0;
  return built;
}

// Runs a program buildToyProgram made, which must have compiled and linked
// (the test stops with the diagnostics or the linker's output otherwise).
inline CommandResult runBuiltProgram(const BuiltProgram& built) {
  INFO(built.diagnostics << built.linkOutput);
  REQUIRE(built.diagnostics.empty());
  REQUIRE(built.linked);
  return runCommand(built.executablePath);
}

}  // namespace tide::codegen::testing
