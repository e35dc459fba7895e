// `tide build [-c] FILE.toy... -o OUT [-O0] [-g0]`: the AOT path. Compiles
// the files as one program (core) and generates an ELF relocatable object
// (codegen; the two overlap on large inputs, see compile_pipeline.h) and either writes it (-c) or
// links it with the system `cc` (plus -lm, since Toy externs resolve against the C and math
// libraries). The linker runs through fork/exec, not a shell, so paths need no quoting.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/kept_until_exit.h"
#include "tide/codegen/compile_pipeline.h"
#include "tide/core/compile.h"

namespace tide::cli {

namespace {

struct BuildRequest {
  std::vector<std::string> sources;
  std::string output;
  bool objectOnly = false;
  bool debugInfo = true;
  int optimizationLevel = 0;
};

bool parseBuildArguments(std::span<const std::string> arguments, BuildRequest& request) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "-c") {
      request.objectOnly = true;
    } else if (argument == "-o" && i + 1 < arguments.size()) {
      request.output = arguments[++i];
    } else if (argument == "-O0") {
      request.optimizationLevel = 0;
    } else if (argument.rfind("-O", 0) == 0) {
      // Only -O0 code exists; accepting -O1 would silently hand out -O0 code.
      std::fprintf(stderr, "tide build: %s is not available yet (only -O0)\n", argument.c_str());
      return false;
    } else if (argument == "-g0") {
      request.debugInfo = false;
    } else if (argument == "-g") {
      request.debugInfo = true;
    } else if (!argument.empty() && argument[0] == '-') {
      std::fprintf(stderr, "tide build: unknown option '%s'\n", argument.c_str());
      return false;
    } else {
      request.sources.push_back(argument);
    }
  }
  return !request.sources.empty() && !request.output.empty();
}

// Writes the object. A regular file already at `path` is unlinked and the
// output made anew, as the GNU linker does, instead of being truncated: ext4
// flushes a file that is truncated and rewritten as it is closed
// (auto_da_alloc, so that replace-by-truncate survives a crash), which made
// writing the 100,000-line benchmark's 5.3 MB object 4-26 ms instead of ~2.
// Anything else (a FIFO, /dev/stdout) is opened and written as it is.
bool writeFile(const std::string& path, const std::vector<std::uint8_t>& bytes,
               std::string& reason) {
  struct stat existing;
  if (lstat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) unlink(path.c_str());
  const int descriptor = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (descriptor < 0) {
    reason = std::strerror(errno);
    return false;
  }
  const std::uint8_t* at = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t written = write(descriptor, at, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      reason = written < 0 ? std::strerror(errno) : "nothing written";
      close(descriptor);
      return false;
    }
    at += written;
    left -= static_cast<std::size_t>(written);
  }
  if (close(descriptor) != 0) {
    reason = std::strerror(errno);
    return false;
  }
  return true;
}

// Runs argv[0] from PATH and returns its exit status (127 if it could not start).
int runProgram(const std::vector<std::string>& argv) {
  std::vector<char*> raw;
  for (const std::string& argument : argv) raw.push_back(const_cast<char*>(argument.c_str()));
  raw.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) return 127;
  if (child == 0) {
    execvp(raw[0], raw.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(child, &status, 0) < 0) return 127;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string temporaryObjectPath() {
  const char* directory = std::getenv("TMPDIR");
  std::string pattern =
      std::string(directory && *directory ? directory : "/tmp") + "/tide-build-XXXXXX.o";
  const int descriptor = mkstemps(pattern.data(), 2);
  if (descriptor < 0) return {};
  close(descriptor);
  return pattern;
}

}  // namespace

int runBuild(std::span<const std::string> arguments) {
  BuildRequest request;
  if (!parseBuildArguments(arguments, request)) {
    std::fprintf(stderr, "usage: tide build [-c] FILE.toy... -o OUTPUT [-O0] [-g0]\n");
    return 2;
  }
  codegen::PipelineOptions options;
  options.codegen.debugInfo = request.debugInfo;
  options.codegen.optimizationLevel = request.optimizationLevel;
  // Front end and code generator on two threads for large inputs; only the
  // object is needed afterwards.
  options.releaseBodies = true;
  codegen::CompiledObject result = codegen::compileFilesToObject(request.sources, options);
  const KeptUntilExit keep(result);
  const std::string diagnostics = core::formatDiagnostics(result.compiled);
  std::fwrite(diagnostics.data(), 1, diagnostics.size(), stderr);
  if (!result.compiled.ok()) return 1;
  const codegen::ObjectFile& object = result.object;
  for (const std::string& problem : object.problems)
    std::fprintf(stderr, "tide build: %s\n", problem.c_str());

  const std::string objectPath = request.objectOnly ? request.output : temporaryObjectPath();
  std::string reason = "no temporary file";
  if (objectPath.empty() || !writeFile(objectPath, object.bytes, reason)) {
    std::fprintf(stderr, "tide build: cannot write '%s': %s\n", objectPath.c_str(), reason.c_str());
    return 1;
  }
  if (request.objectOnly) return 0;
  const int linkStatus = runProgram({"cc", "-o", request.output, objectPath, "-lm"});
  std::remove(objectPath.c_str());
  if (linkStatus != 0) {
    std::fprintf(stderr, "tide build: the linker (cc) failed with status %d\n", linkStatus);
    return 1;
  }
  return 0;
}

}  // namespace tide::cli
