// runImage: memfd with the object -> posix_spawn tide-runner with the memfd
// as fd 3 and the report pipe as fd 4 (or fork a child that hosts the image
// itself, RunOptions::inProcessHost) -> poll the report (and captured
// output) pipes until they close or the timeout hits -> waitpid -> merge the
// exit status with the parsed report. Descriptors are created close-on-exec
// and moved above 4 first, so the child's dup2 onto 3/4 always clears
// close-on-exec and no other concurrently spawned child inherits them.
#include "tide/jit/jit_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "tide/jit/runner_protocol.h"

extern char** environ;

namespace tide::jit {
namespace {

constexpr int kChildObjectFd = 3;
constexpr int kChildReportFd = 4;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

std::string errnoText(const std::string& what) { return what + ": " + std::strerror(errno); }

// Moves `fd` to a descriptor >= 5 (close-on-exec).
bool moveHigh(Fd& fd) {
  if (fd.get() > kChildReportFd) return true;
  const int moved = fcntl(fd.get(), F_DUPFD_CLOEXEC, kChildReportFd + 1);
  if (moved < 0) return false;
  fd.reset(moved);
  return true;
}

bool makePipe(Fd& readEnd, Fd& writeEnd) {
  int ends[2];
  if (pipe2(ends, O_CLOEXEC) != 0) return false;
  readEnd.reset(ends[0]);
  writeEnd.reset(ends[1]);
  return moveHigh(readEnd) && moveHigh(writeEnd);
}

bool writeAll(int fd, const std::uint8_t* bytes, std::size_t size) {
  while (size > 0) {
    const ssize_t written = write(fd, bytes, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

std::int64_t nowMilliseconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return std::int64_t{now.tv_sec} * 1000 + now.tv_nsec / 1000000;
}

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

// Forks a child that hosts the image through options.inProcessHost, set up
// as spawnRunner sets up tide-runner (descriptors, signals). Returns the
// child's pid, or -1 with errno set.
pid_t forkHost(const RunOptions& options, const Fd& objectFd, const Fd& reportRead,
               const Fd& reportWrite, const Fd& outRead, const Fd& outWrite, const Fd& errRead,
               const Fd& errWrite, const std::string& programName,
               const std::vector<std::string>& arguments) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // Child. Without an exec, close-on-exec closes nothing: drop the parent's
  // ends explicitly so the pipes still close when this child exits.
  for (const Fd* end : {&reportRead, &outRead, &errRead})
    if (end->get() >= 0) close(end->get());
  if (options.captureStdout) dup2(outWrite.get(), 1);
  if (options.captureStderr) dup2(errWrite.get(), 2);
  if (options.stdinMode == StdinMode::Null) {
    const int null = open("/dev/null", O_RDONLY);
    if (null >= 0 && null != 0) {
      dup2(null, 0);
      close(null);
    }
  }
  for (int signal = 1; signal < NSIG; ++signal)
    if (signal != SIGKILL && signal != SIGSTOP) std::signal(signal, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  options.inProcessHost(objectFd.get(), reportWrite.get(), programName.c_str(), arguments);
  _exit(125);  // inProcessHost never returns
}

struct Stream {
  Fd* fd;
  std::string* text;  // nullptr: the report stream (bytes)
};

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
  if (objectFd.get() < 0 || !moveHigh(objectFd)) {
    result.error = errnoText("memfd_create");
    return result;
  }
  if (!writeAll(objectFd.get(), object.data(), object.size())) {
    result.error = errnoText("writing the object to the memfd");
    return result;
  }
  Fd reportRead, reportWrite, outRead, outWrite, errRead, errWrite;
  if (!makePipe(reportRead, reportWrite) ||
      (options.captureStdout && !makePipe(outRead, outWrite)) ||
      (options.captureStderr && !makePipe(errRead, errWrite))) {
    result.error = errnoText("pipe");
    return result;
  }

  const std::string programName = options.programName.empty() ? "program" : options.programName;
  pid_t pid = 0;
  if (options.inProcessHost != nullptr) {
    pid = forkHost(options, objectFd, reportRead, reportWrite, outRead, outWrite, errRead, errWrite,
                   programName, args);
    if (pid < 0) {
      result.error = errnoText("fork");
      return result;
    }
  } else {
    const std::string runner =
        options.runnerPath.empty() ? defaultRunnerPath() : options.runnerPath;
    const int spawnError = spawnRunner(options, runner, objectFd, reportWrite, outWrite, errWrite,
                                       programName, args, &pid);
    if (spawnError != 0) {
      result.error = "cannot start '" + runner + "': " + std::strerror(spawnError);
      return result;
    }
  }
  result.started = true;
  // Only the child keeps the write ends, so the pipes close when it exits.
  objectFd.reset();
  reportWrite.reset();
  outWrite.reset();
  errWrite.reset();

  std::string reportBytes;
  std::vector<Stream> open;
  open.push_back({&reportRead, &reportBytes});
  if (options.captureStdout) open.push_back({&outRead, &result.stdoutText});
  if (options.captureStderr) open.push_back({&errRead, &result.stderrText});
  const std::int64_t deadline =
      options.timeoutMilliseconds > 0 ? nowMilliseconds() + options.timeoutMilliseconds : 0;
  char buffer[65536];
  while (!open.empty()) {
    std::vector<pollfd> polled;
    for (const Stream& stream : open) polled.push_back({stream.fd->get(), POLLIN, 0});
    int wait = -1;
    if (deadline != 0) {
      const std::int64_t left = deadline - nowMilliseconds();
      if (left <= 0) {
        result.timedOut = true;
        kill(pid, SIGKILL);
        break;
      }
      wait = static_cast<int>(left);
    }
    const int ready = poll(polled.data(), polled.size(), wait);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    for (std::size_t i = polled.size(); i-- > 0;) {
      if (polled[i].revents == 0) continue;
      const ssize_t got = read(polled[i].fd, buffer, sizeof(buffer));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      std::string& text = *open[i].text;
      const std::size_t room =
          &text == &reportBytes
              ? static_cast<std::size_t>(got)
              : std::min<std::size_t>(
                    static_cast<std::size_t>(got),
                    options.captureLimit - std::min(options.captureLimit, text.size()));
      text.append(buffer, room);
    }
  }

  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const RunnerReport report = parseRunnerReport(
      {reinterpret_cast<const std::uint8_t*>(reportBytes.data()), reportBytes.size()});
  if (report.imageBase) {
    result.imageBase = *report.imageBase;
    result.imageSize = report.imageSize;
  }
  if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    result.exitCode = 128 + result.signal;
  }
  if (report.crash) {
    result.crashed = true;
    result.signal = report.crash->signal;
    result.backtrace = report.crash->frames;
    result.elisionIndex = report.crash->innerCount;
    result.elidedFrames = report.crash->elidedFrames;
    result.faultAddress = report.crash->faultAddress;
  }
  if (report.loadFailure) {
    result.loadFailed = true;
    result.error = "loading the object failed: " + *report.loadFailure;
  } else if (!report.malformed.empty()) {
    result.error = "malformed runner report: " + report.malformed;
  } else if (result.timedOut) {
    result.error =
        "the program did not finish within " + std::to_string(options.timeoutMilliseconds) + " ms";
  }
  return result;
}

}  // namespace tide::jit
