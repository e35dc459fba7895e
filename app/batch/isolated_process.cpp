// runIsolated: vfork + exec (fork of a big parent copies its page tables; vfork
// does not), or fork + a function for in-process programs, then one poll
// loop over the output pipes (and the report pipe) and a pidfd, with the
// deadline as the poll timeout. The child between vfork and exec makes raw
// system calls only (glibc's setuid would try to signal the parent's
// threads, with which a vfork child shares memory).
#include "batch/isolated_process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>

#include <stdio_ext.h>
#include <sys/stat.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

extern char** environ;

namespace tide::batch {

namespace {

using Clock = std::chrono::steady_clock;

// Process groups in flight, lock-free so a signal handler can read them.
constexpr std::size_t kMaxActiveGroups = 1024;
std::atomic<pid_t> activeGroups[kMaxActiveGroups];

// Every group ever made here, so leftovers can be told from a host's own children.
std::mutex createdGroupsMutex;
std::set<pid_t> createdGroups;

std::size_t registerActiveGroup(pid_t group) {
  {
    std::lock_guard lock(createdGroupsMutex);
    createdGroups.insert(group);
  }
  for (std::size_t i = 0; i < kMaxActiveGroups; ++i) {
    pid_t empty = 0;
    if (activeGroups[i].compare_exchange_strong(empty, group)) return i;
  }
  return kMaxActiveGroups;  // more than 1024 at once: not tracked, still killed normally
}

void unregisterActiveGroup(std::size_t slot) {
  if (slot < kMaxActiveGroups) activeGroups[slot].store(0);
}

// The descriptor the child sees as the report fd.
constexpr int kChildReportFd = 3;
// Parent-side descriptors are moved at or above this before the child's
// dup2 onto 0..3, so none of them is clobbered by another's dup2.
constexpr int kFirstHighFd = 10;

bool moveHigh(int& fd) {
  if (fd < 0 || fd >= kFirstHighFd) return true;
  const int moved = fcntl(fd, F_DUPFD_CLOEXEC, kFirstHighFd);
  if (moved < 0) return false;
  close(fd);
  fd = moved;
  return true;
}

struct Pipe {
  int read = -1;
  int write = -1;
  bool open() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
  void closeBoth() {
    if (read >= 0) close(read);
    if (write >= 0) close(write);
    read = write = -1;
  }
};

std::vector<std::string> mergedEnvironment(const std::vector<std::string>& extra) {
  std::map<std::string, std::string> byName;
  std::vector<std::string> order;
  const auto add = [&](const std::string& entry) {
    const std::string name = entry.substr(0, entry.find('='));
    if (!byName.count(name)) order.push_back(name);
    byName[name] = entry;
  };
  for (char** entry = environ; entry && *entry; ++entry) add(*entry);
  for (const std::string& entry : extra) add(entry);
  std::vector<std::string> merged;
  for (const std::string& name : order) merged.push_back(byName[name]);
  return merged;
}

std::vector<char*> pointersTo(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

void setLimit(int resource, std::uint64_t value, std::uint64_t hardSlack) {
  if (value == 0) return;
  rlimit limit{static_cast<rlim_t>(value), static_cast<rlim_t>(value + hardSlack)};
  setrlimit(resource, &limit);
}

// Everything the child needs, prepared before vfork so the child allocates nothing.
struct ChildPlan {
  const char* program;
  char** arguments;
  char** environment;
  const char* workingDirectory;  // nullptr: inherit
  int standardInput, standardOutput, standardError, errorReport;
  ResourceLimits limits;
  long uid = -1;  // -1: keep
  sigset_t originalMask;
  int reportWrite = -1;                             // becomes fd 3 when >= 0
  const std::function<int()>* inProcess = nullptr;  // run instead of execve (fork child)
};

// A forked child runs Toy code with our memory: stdio buffers copied from
// the parent are dropped (they are the parent's to write), signal handlers
// are reset, and the program's stdout/stderr are flushed before
// _exit (which runs no destructors or atexit handlers of the host).
[[noreturn]] void runInProcessProgram(const ChildPlan& plan) {
  // Default dispositions, as after exec: the host's handlers (interrupt,
  // a test framework's fault handlers) are not the program's.
  for (int handled = 1; handled < NSIG; ++handled) signal(handled, SIG_DFL);
  __fpurge(stdout);
  __fpurge(stderr);
  int status = 125;
  try {
    status = (*plan.inProcess)();
  } catch (const std::exception& error) {
    // Never unwind into the stack we were forked on (the engine's).
    std::fprintf(stderr, "tide: uncaught exception: %s\n", error.what());
    std::fflush(stderr);
    std::abort();
  } catch (...) {
    std::abort();
  }
  std::fflush(stdout);
  std::fflush(stderr);
  _exit(status & 0xFF);
}

[[noreturn]] void childAfterVfork(const ChildPlan& plan) {
  setpgid(0, 0);
  // Dying with the engine: a killed `tide --batch` must not leave cases running.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  dup2(plan.standardInput, 0);
  dup2(plan.standardOutput, 1);
  dup2(plan.standardError, 2);
  if (plan.reportWrite >= 0) dup2(plan.reportWrite, kChildReportFd);
  setLimit(RLIMIT_CPU, plan.limits.cpuSeconds, 1);
  setLimit(RLIMIT_AS, plan.limits.addressSpaceBytes, 0);
  setLimit(RLIMIT_FSIZE, plan.limits.fileSizeBytes, 0);
  setLimit(RLIMIT_NPROC, plan.limits.processCount, 0);
  int error = 0;
  if (plan.uid >= 0) {
    if (syscall(SYS_setgroups, 0, nullptr) != 0 ||
        syscall(SYS_setresgid, plan.uid, plan.uid, plan.uid) != 0 ||
        syscall(SYS_setresuid, plan.uid, plan.uid, plan.uid) != 0)
      error = errno;
  }
  if (!error && plan.workingDirectory && chdir(plan.workingDirectory) != 0) error = errno;
  if (!error) {
    // Signals the engine ignores or blocks must reach the program normally.
    signal(SIGPIPE, SIG_DFL);
    sigprocmask(SIG_SETMASK, &plan.originalMask, nullptr);
    if (plan.inProcess) {
      // No exec will close the parent's descriptors (other cases' pipes
      // among them, whose EOF must not wait for us), nor the exec-error
      // pipe the parent waits on: close all but 0-3 now.
      if (syscall(SYS_close_range, kChildReportFd + 1, ~0u, 0) != 0)
        for (int fd = kChildReportFd + 1; fd < 65536; ++fd) close(fd);
      runInProcessProgram(plan);
    }
    execve(plan.program, plan.arguments, plan.environment);
    error = errno;
  }
  [[maybe_unused]] ssize_t ignored = write(plan.errorReport, &error, sizeof error);
  _exit(127);
}

// True while a process owned by `uid` is alive (not yet a zombie).
bool userHasLiveProcess(uid_t uid) {
  bool found = false;
  if (DIR* proc = opendir("/proc")) {
    while (const dirent* entry = readdir(proc)) {
      if (std::atoi(entry->d_name) <= 0) continue;
      const std::string directory = "/proc/" + std::string(entry->d_name);
      struct stat owner {};
      if (::stat(directory.c_str(), &owner) != 0 || owner.st_uid != uid) continue;
      std::ifstream statFile(directory + "/stat");
      std::string line;
      std::getline(statFile, line);
      const auto close = line.rfind(')');
      if (close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z' &&
          line[close + 2] != 'X')
        found = true;
    }
    closedir(proc);
  }
  return found;
}

// Kills every process of `uid` (they can only be ours: the uid is reserved
// for one worker slot), by a helper that takes that uid and kill(-1)s. The
// helper exits 1 when something of that uid was still there (a process
// that left the group); only then is /proc scanned until those processes
// are really gone, since SIGKILL is delivered asynchronously.
//
// kill(-1) itself cannot tell: it returns 0 whenever any other process
// exists, EPERM or not. The kernel's count of the uid's processes can: with
// RLIMIT_NPROC 2, creating a process succeeds only while the helper is the
// uid's one process (zombies count too, so after an escape the scan runs
// for that slot's later cases as well).
void killEverythingOfUser(uid_t uid) {
  const pid_t helper = vfork();
  if (helper == 0) {
    if (syscall(SYS_setresuid, uid, uid, uid) != 0) _exit(0);
    kill(-1, SIGKILL);
    const rlimit onlyUs{2, 2};
    setrlimit(RLIMIT_NPROC, &onlyUs);
    const pid_t probe = vfork();
    if (probe == 0) _exit(0);
    if (probe < 0) _exit(1);
    syscall(SYS_wait4, probe, nullptr, 0, nullptr);
    _exit(0);
  }
  int status = 0;
  if (helper <= 0 || waitpid(helper, &status, 0) != helper || !WIFEXITED(status) ||
      WEXITSTATUS(status) == 0)
    return;
  const auto deadline = Clock::now() + std::chrono::milliseconds(500);
  while (userHasLiveProcess(uid) && Clock::now() < deadline) usleep(1000);
}

// After SIGKILL of the group, every member dies; their orphans come to us
// (subreaper) and belong to the same group, so waiting on the group until
// ECHILD reaps all of them.
void killAndReapGroup(pid_t group) {
  kill(-group, SIGKILL);
  for (;;) {
    const pid_t reaped = waitpid(-group, nullptr, 0);
    if (reaped > 0) continue;
    if (errno == EINTR) continue;
    break;
  }
}

class OutputCapture {
 public:
  OutputCapture(std::string& into, std::size_t limit) : into_(into), limit_(limit) {}
  // Reads what is available; false at EOF or error. Sets `overflowed` past the cap.
  bool readAvailable(int fd, bool& overflowed) {
    char buffer[65536];
    for (;;) {
      const ssize_t n = read(fd, buffer, sizeof buffer);
      if (n > 0) {
        const std::size_t room = limit_ > into_.size() ? limit_ - into_.size() : 0;
        into_.append(buffer, std::min<std::size_t>(room, static_cast<std::size_t>(n)));
        if (static_cast<std::size_t>(n) > room) overflowed = true;
        continue;
      }
      if (n == 0) return false;
      if (errno == EINTR) continue;
      return errno == EAGAIN;
    }
  }

 private:
  std::string& into_;
  std::size_t limit_;
};

}  // namespace

int ProcessOutcome::shellStatus() const {
  if (ending == ProcessEnding::Exited) return exitCode & 0xFF;
  if (ending == ProcessEnding::Signaled) return 128 + signal;
  return -1;
}

std::string findExecutable(const std::string& program) {
  if (program.empty()) return {};
  if (program.find('/') != std::string::npos)
    return access(program.c_str(), X_OK) == 0 ? program : std::string();
  const char* path = std::getenv("PATH");
  std::istringstream directories(path ? path : "/usr/bin:/bin");
  for (std::string directory; std::getline(directories, directory, ':');) {
    const std::string candidate = (directory.empty() ? "." : directory) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

void killActiveGroupsFromSignalHandler() {
  for (std::atomic<pid_t>& group : activeGroups)
    if (const pid_t id = group.load(); id > 0) kill(-id, SIGKILL);
}

bool becomeChildSubreaper() { return prctl(PR_SET_CHILD_SUBREAPER, 1) == 0; }

int killRemainingChildren(unsigned firstIsolationUid) {
  // Children are the processes whose parent is us; /proc is the only list.
  // Only ours are touched: members of a group runIsolated made, or
  // processes of an isolation uid. A GUI hosting the engine keeps the rest.
  int killed = 0;
  const pid_t self = getpid();
  std::vector<pid_t> victims;
  if (DIR* proc = opendir("/proc")) {
    while (const dirent* entry = readdir(proc)) {
      const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
      if (pid <= 0) continue;
      const std::string directory = "/proc/" + std::string(entry->d_name);
      std::ifstream stat(directory + "/stat");
      std::string line;
      std::getline(stat, line);
      const auto close = line.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream fields(line.substr(close + 2));
      char state = 0;
      pid_t parent = 0, group = 0;
      fields >> state >> parent >> group;
      if (parent != self) continue;
      struct stat owner {};
      const bool isolatedUser = ::stat(directory.c_str(), &owner) == 0 && firstIsolationUid != 0 &&
                                owner.st_uid >= firstIsolationUid;
      bool ourGroup = false;
      {
        std::lock_guard lock(createdGroupsMutex);
        ourGroup = createdGroups.count(group) != 0;
      }
      if (ourGroup || isolatedUser) victims.push_back(pid);
    }
    closedir(proc);
  }
  for (const pid_t pid : victims) {
    if (kill(pid, SIGKILL) == 0) ++killed;
    waitpid(pid, nullptr, 0);
  }
  return killed;
}

TrackedGroup::TrackedGroup(pid_t group) : slot_(registerActiveGroup(group)) {}
TrackedGroup::~TrackedGroup() { unregisterActiveGroup(slot_); }

ProcessOutcome runIsolated(const ProcessSpec& spec) {
  ProcessOutcome outcome;
  const std::string program = spec.inProcess           ? std::string("(in-process)")
                              : spec.arguments.empty() ? ""
                                                       : findExecutable(spec.arguments[0]);
  if (program.empty()) {
    outcome.spawnError = spec.arguments.empty()
                             ? "no command"
                             : "'" + spec.arguments[0] + "' not found or not executable";
    return outcome;
  }
  std::vector<std::string> argumentStrings = spec.arguments;
  std::vector<std::string> environmentStrings = mergedEnvironment(spec.extraEnvironment);
  std::vector<char*> argumentPointers = pointersTo(argumentStrings);
  std::vector<char*> environmentPointers = pointersTo(environmentStrings);

  Pipe out, err, report, runnerReport;
  int devNull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  bool opened = out.open() && err.open() && report.open() && devNull >= 0 &&
                (!spec.reportPipe || runnerReport.open());
  // The child dup2s onto 0..3: no source may sit there.
  for (int* fd : {&out.read, &out.write, &err.read, &err.write, &report.read, &report.write,
                  &runnerReport.read, &runnerReport.write, &devNull})
    opened = opened && moveHigh(*fd);
  if (!opened) {
    outcome.spawnError = std::string("pipe: ") + std::strerror(errno);
    out.closeBoth(), err.closeBoth(), report.closeBoth(), runnerReport.closeBoth();
    if (devNull >= 0) close(devNull);
    return outcome;
  }

  ChildPlan plan{program.c_str(),
                 argumentPointers.data(),
                 environmentPointers.data(),
                 spec.workingDirectory.empty() ? nullptr : spec.workingDirectory.c_str(),
                 devNull,
                 out.write,
                 err.write,
                 report.write,
                 spec.limits,
                 -1,
                 {},
                 runnerReport.write,
                 spec.inProcess ? &spec.inProcess : nullptr};
  if (spec.runAsUser && geteuid() == 0) plan.uid = static_cast<long>(*spec.runAsUser);

  // No signal handler may run in the vfork child, which shares our memory.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &plan.originalMask);
  const auto start = Clock::now();
  const pid_t pid = spec.inProcess ? fork() : vfork();
  if (pid == 0) childAfterVfork(plan);
  pthread_sigmask(SIG_SETMASK, &plan.originalMask, nullptr);

  close(devNull);
  close(out.write), close(err.write), close(report.write);
  if (runnerReport.write >= 0) close(runnerReport.write);
  out.write = err.write = report.write = runnerReport.write = -1;
  if (pid < 0) {
    outcome.spawnError = std::string("fork: ") + std::strerror(errno);
    out.closeBoth(), err.closeBoth(), report.closeBoth(), runnerReport.closeBoth();
    return outcome;
  }
  setpgid(pid, pid);  // also here, so the group exists whichever runs first
  const std::size_t activeSlot = registerActiveGroup(pid);

  int execError = 0;
  if (read(report.read, &execError, sizeof execError) == static_cast<ssize_t>(sizeof execError)) {
    report.closeBoth();
    killAndReapGroup(pid);
    unregisterActiveGroup(activeSlot);
    out.closeBoth(), err.closeBoth(), runnerReport.closeBoth();
    outcome.spawnError = "exec " + program + ": " + std::strerror(execError);
    return outcome;
  }
  report.closeBoth();

  const int pidFd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  fcntl(out.read, F_SETFL, O_NONBLOCK);
  fcntl(err.read, F_SETFL, O_NONBLOCK);
  OutputCapture captureOut(outcome.standardOutput, spec.outputLimit);
  OutputCapture captureErr(outcome.standardError, spec.outputLimit);
  OutputCapture captureReport(outcome.report, spec.outputLimit);
  if (runnerReport.read >= 0) fcntl(runnerReport.read, F_SETFL, O_NONBLOCK);
  bool reportOpen = runnerReport.read >= 0, reportOverflowed = false;

  const auto deadline = start + spec.timeout;
  bool outOpen = true, errOpen = true, exited = false, overflowed = false, timedOut = false;
  int waitStatus = 0;
  // Once the main process has exited, the rest of its group is killed and
  // the pipes drained only briefly: an escaped writer must not hold us.
  auto drainDeadline = Clock::time_point::max();
  while (outOpen || errOpen || !exited) {
    const auto now = Clock::now();
    if (!exited && now >= deadline) {
      timedOut = true;
      break;
    }
    if (exited && now >= drainDeadline) break;
    const auto until = exited ? drainDeadline : deadline;
    const int waitMs = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count() + 1);
    pollfd fds[4] = {{outOpen ? out.read : -1, POLLIN, 0},
                     {errOpen ? err.read : -1, POLLIN, 0},
                     {exited ? -1 : pidFd, POLLIN, 0},
                     {reportOpen ? runnerReport.read : -1, POLLIN, 0}};
    // Without a pidfd (old kernels) poll in 10 ms steps and check waitpid.
    const int ready = poll(fds, 4, pidFd >= 0 ? waitMs : std::min(waitMs, 10));
    if (ready < 0 && errno != EINTR) break;
    if (fds[0].revents) outOpen = captureOut.readAvailable(out.read, overflowed);
    if (fds[1].revents) errOpen = captureErr.readAvailable(err.read, overflowed);
    // A report past the cap is cut (and then malformed), not an output-limit failure.
    if (fds[3].revents)
      reportOpen = captureReport.readAvailable(runnerReport.read, reportOverflowed);
    if (overflowed) break;
    if (!exited && (fds[2].revents || pidFd < 0) && waitpid(pid, &waitStatus, WNOHANG) == pid) {
      exited = true;
      outcome.duration =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
      kill(-pid, SIGKILL);
      drainDeadline = Clock::now() + std::chrono::milliseconds(200);
    }
  }
  if (!exited) {
    outcome.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
    kill(-pid, SIGKILL);
    waitpid(pid, &waitStatus, 0);
  }
  killAndReapGroup(pid);
  if (plan.uid >= 0) killEverythingOfUser(static_cast<uid_t>(plan.uid));
  outcome.groupSurvived = kill(-pid, 0) == 0;
  unregisterActiveGroup(activeSlot);
  if (pidFd >= 0) close(pidFd);
  // What the program wrote on its report fd before it ended is in the pipe.
  if (reportOpen) captureReport.readAvailable(runnerReport.read, reportOverflowed);
  out.closeBoth(), err.closeBoth(), runnerReport.closeBoth();

  outcome.outputTruncated = overflowed;
  if (overflowed)
    outcome.ending = ProcessEnding::OutputLimit;
  else if (timedOut)
    outcome.ending = ProcessEnding::TimedOut;
  else if (WIFSIGNALED(waitStatus))
    outcome.ending = ProcessEnding::Signaled, outcome.signal = WTERMSIG(waitStatus);
  else
    outcome.ending = ProcessEnding::Exited, outcome.exitCode = WEXITSTATUS(waitStatus);
  return outcome;
}

}  // namespace tide::batch
