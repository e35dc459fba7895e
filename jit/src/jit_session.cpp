// runImage: memfd with the object -> posix_spawn tide-runner with the memfd
// as fd 3 and the report pipe as fd 4 -> poll the report (and captured
// output) pipes until they close or the timeout hits -> waitpid -> merge the
// exit status with the parsed report (host_child.cpp). Descriptors are created close-on-exec
// and moved above 4 first, so the child's dup2 onto 3/4 always clears
// close-on-exec and no other concurrently spawned child inherits them.
#include "tide/jit/jit_session.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "host_child.h"

extern char** environ;

namespace tide::jit {
namespace {

using detail::Fd;
using detail::kChildObjectFd;
using detail::kChildReportFd;

// Starts tide-runner with the object on fd 3 and the report pipe on fd 4.
// Returns posix_spawn's error number (0 on success).
int spawnRunner(const RunOptions& options, const std::string& runner, const Fd& objectFd,
                const Fd& reportWrite, const Fd& outWrite, const Fd& errWrite,
                const std::string& programName, const std::vector<std::string>& arguments,
                pid_t* pid) {
  std::vector<std::string> argvStrings = {runner,
                                          "--object-fd",
                                          std::to_string(kChildObjectFd),
                                          "--report-fd",
                                          std::to_string(kChildReportFd),
                                          "--program-name",
                                          programName,
                                          "--"};
  argvStrings.insert(argvStrings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& argument : argvStrings) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, objectFd.get(), kChildObjectFd);
  posix_spawn_file_actions_adddup2(&actions, reportWrite.get(), kChildReportFd);
  if (options.captureStdout) posix_spawn_file_actions_adddup2(&actions, outWrite.get(), 1);
  if (options.captureStderr) posix_spawn_file_actions_adddup2(&actions, errWrite.get(), 2);
  if (options.stdinMode == StdinMode::Null)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  // The program starts like a native one: no signals blocked and default
  // dispositions, whatever this (possibly multi-threaded GUI) process set.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  const int error = posix_spawn(pid, runner.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  return error;
}

}  // namespace

std::string defaultRunnerPath() {
  if (const char* fromEnvironment = std::getenv("TIDE_RUNNER"); fromEnvironment && *fromEnvironment)
    return fromEnvironment;
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "tide-runner";
  return (self.parent_path() / "tide-runner").string();
}

RunResult runImage(const std::vector<std::uint8_t>& object, const std::vector<std::string>& args,
                   const RunOptions& options) {
  RunResult result;
  Fd objectFd(memfd_create("tide-object", MFD_CLOEXEC));
  if (objectFd.get() < 0 || !detail::moveHigh(objectFd)) {
    result.error = detail::errnoText("memfd_create");
    return result;
  }
  if (!detail::writeAll(objectFd.get(), object.data(), object.size())) {
    result.error = detail::errnoText("writing the object to the memfd");
    return result;
  }
  detail::HostPipes pipes;
  if (!pipes.open(options)) {
    result.error = detail::errnoText("pipe");
    return result;
  }

  const std::string programName = options.programName.empty() ? "program" : options.programName;
  pid_t pid = 0;
  const std::string runner = options.runnerPath.empty() ? defaultRunnerPath() : options.runnerPath;
  const int spawnError = spawnRunner(options, runner, objectFd, pipes.reportWrite, pipes.outWrite,
                                     pipes.errWrite, programName, args, &pid);
  if (spawnError != 0) {
    result.error = "cannot start '" + runner + "': " + std::strerror(spawnError);
    return result;
  }
  // Only the child keeps the write ends, so the pipes close when it exits.
  objectFd.reset();
  pipes.closeChildEnds();
  return detail::collectRun(pid, pipes, options);
}

}  // namespace tide::jit
