// stageInWorkers: one slot thread per job, each owning at most one worker
// process at a time. The slot sends a case index over a socket pair and
// waits (with the deadline) for the answer: a fixed header, then the
// outcome's stdout and stderr. The worker's own stdout/stderr go to a memfd
// the slot can read when the worker dies, so an assertion message or a
// sanitizer report reaches the result; the worker truncates it per case.
#include "batch/stage_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>

#include "batch/engine.h"

namespace tide::batch {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWorkerSocketFd = 3;
constexpr std::size_t kMaxLogRead = 64 << 10;

struct WireHeader {
  std::uint32_t ending = 0;
  std::int32_t exitCode = 0;
  std::int32_t signal = 0;
  std::uint32_t reserved = 0;
  std::uint64_t stdoutSize = 0;
  std::uint64_t stderrSize = 0;
};

bool sendAll(int fd, const void* data, std::size_t size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t sent = send(fd, bytes, size, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

// Reads exactly `size` bytes before `deadline`; false on EOF, error or timeout.
enum class ReadResult { Complete, Closed, TimedOut };
ReadResult receiveAll(int fd, void* data, std::size_t size, Clock::time_point deadline) {
  char* bytes = static_cast<char*>(data);
  while (size > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return ReadResult::TimedOut;
    pollfd polled{fd, POLLIN, 0};
    const int ready = poll(&polled, 1, static_cast<int>(left.count()) + 1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return ReadResult::Closed;
    if (ready == 0) continue;
    const ssize_t got = recv(fd, bytes, size, 0);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) return ReadResult::Closed;
    bytes += got;
    size -= static_cast<std::size_t>(got);
  }
  return ReadResult::Complete;
}

[[noreturn]] void abortWithException(std::exception_ptr thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "tide: uncaught exception: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "tide: uncaught exception of unknown type\n");
  }
  std::fflush(stderr);
  std::abort();
}

// The worker: answer requests until the engine closes the socket.
[[noreturn]] void workerMain(const StageStep& step) {
  for (;;) {
    std::uint64_t index = 0;
    if (receiveAll(kWorkerSocketFd, &index, sizeof index, Clock::time_point::max()) !=
        ReadResult::Complete)
      _exit(0);
    // A fresh log per case: what lands in it belongs to this case.
    if (ftruncate(1, 0) != 0 || lseek(1, 0, SEEK_SET) != 0) _exit(3);
    ProcessOutcome outcome;
    try {
      outcome = step(static_cast<std::size_t>(index));
    } catch (...) {
      // Nothing may unwind out of the worker into the stack it was forked
      // on (the engine's): an escaping exception is a compiler crash.
      abortWithException(std::current_exception());
    }
    WireHeader header;
    header.ending = static_cast<std::uint32_t>(outcome.ending);
    header.exitCode = outcome.exitCode;
    header.signal = outcome.signal;
    header.stdoutSize = outcome.standardOutput.size();
    header.stderrSize = outcome.standardError.size();
    if (!sendAll(kWorkerSocketFd, &header, sizeof header) ||
        !sendAll(kWorkerSocketFd, outcome.standardOutput.data(), outcome.standardOutput.size()) ||
        !sendAll(kWorkerSocketFd, outcome.standardError.data(), outcome.standardError.size()))
      _exit(0);
  }
}

class Worker {
 public:
  explicit Worker(const StageStep& step) : step_(step) {}
  ~Worker() { stop(); }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  ProcessOutcome stage(std::size_t index, std::chrono::milliseconds timeout) {
    ProcessOutcome outcome;
    const auto start = Clock::now();
    if (pid_ < 0 && !start_(outcome.spawnError)) return outcome;  // SpawnFailed
    const std::uint64_t request = index;
    WireHeader header;
    const auto deadline = start + timeout;
    ReadResult read = ReadResult::Closed;
    if (sendAll(socket_, &request, sizeof request))
      read = receiveAll(socket_, &header, sizeof header, deadline);
    if (read == ReadResult::Complete) {
      outcome.standardOutput.resize(header.stdoutSize);
      outcome.standardError.resize(header.stderrSize);
      read = receiveAll(socket_, outcome.standardOutput.data(), header.stdoutSize, deadline);
      if (read == ReadResult::Complete)
        read = receiveAll(socket_, outcome.standardError.data(), header.stderrSize, deadline);
    }
    outcome.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
    if (read == ReadResult::Complete) {
      outcome.ending = static_cast<ProcessEnding>(header.ending);
      outcome.exitCode = header.exitCode;
      outcome.signal = header.signal;
      return outcome;
    }
    // The worker hung or died in this case: say how, with what it printed,
    // and let the next case fork a fresh one.
    if (read == ReadResult::TimedOut) kill(-pid_, SIGKILL);
    const int status = reap();
    outcome.standardOutput.clear();
    outcome.standardError = log();
    if (read == ReadResult::TimedOut) {
      outcome.ending = ProcessEnding::TimedOut;
    } else if (WIFSIGNALED(status)) {
      outcome.ending = ProcessEnding::Signaled;
      outcome.signal = WTERMSIG(status);
    } else {
      // It exited in the middle of a case (the compiler called exit).
      outcome.ending = ProcessEnding::Exited;
      outcome.exitCode = WIFEXITED(status) && WEXITSTATUS(status) != 0 ? WEXITSTATUS(status) : 125;
      outcome.standardError += "the staging worker exited while compiling\n";
    }
    closeDescriptors();
    return outcome;
  }

  void stop() {
    if (pid_ < 0) return;
    shutdown(socket_, SHUT_RDWR);  // the worker reads EOF and exits
    reap();
    closeDescriptors();
  }

 private:
  bool start_(std::string& error) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
      error = std::string("socketpair: ") + std::strerror(errno);
      return false;
    }
    const int log = memfd_create("tide-stage-log", MFD_CLOEXEC);
    const int devNull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (log < 0 || devNull < 0) {
      error = std::string("memfd: ") + std::strerror(errno);
      for (const int fd : {pair[0], pair[1], log, devNull})
        if (fd >= 0) close(fd);
      return false;
    }
    // The child dup2s onto 0..3: move the sources out of the way first.
    int child = fcntl(pair[1], F_DUPFD_CLOEXEC, 10);
    int childLog = fcntl(log, F_DUPFD_CLOEXEC, 10);
    int childNull = fcntl(devNull, F_DUPFD_CLOEXEC, 10);
    close(pair[1]);
    close(devNull);
    sigset_t all, original;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &original);
    const pid_t pid = fork();
    if (pid == 0) {
      setpgid(0, 0);
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // the engine's end is the workers' end
      dup2(childNull, 0);
      dup2(childLog, 1);
      dup2(childLog, 2);
      dup2(child, kWorkerSocketFd);
      if (syscall(SYS_close_range, kWorkerSocketFd + 1, ~0u, 0) != 0)
        for (int fd = kWorkerSocketFd + 1; fd < 65536; ++fd) close(fd);
      // Default dispositions: a compiler fault must end the worker with its
      // signal, whatever handlers the host (a test framework, a GUI) set.
      for (int handled = 1; handled < NSIG; ++handled) signal(handled, SIG_DFL);
      sigprocmask(SIG_SETMASK, &original, nullptr);
      workerMain(step_);
    }
    pthread_sigmask(SIG_SETMASK, &original, nullptr);
    close(child);
    close(childLog);
    close(childNull);
    if (pid < 0) {
      error = std::string("fork: ") + std::strerror(errno);
      close(pair[0]);
      close(log);
      return false;
    }
    setpgid(pid, pid);
    pid_ = pid;
    socket_ = pair[0];
    log_ = log;
    tracked_.emplace(pid);
    return true;
  }

  int reap() {
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    kill(-pid_, SIGKILL);  // a linker it left behind
    while (waitpid(-pid_, nullptr, 0) > 0 || errno == EINTR) {
    }
    tracked_.reset();
    pid_ = -1;
    return status;
  }

  std::string log() const {
    std::string text(kMaxLogRead, '\0');
    const ssize_t got = pread(log_, text.data(), text.size(), 0);
    text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return text;
  }

  void closeDescriptors() {
    if (socket_ >= 0) close(socket_);
    if (log_ >= 0) close(log_);
    socket_ = log_ = -1;
  }

  const StageStep& step_;
  pid_t pid_ = -1;
  int socket_ = -1;
  int log_ = -1;
  std::optional<TrackedGroup> tracked_;
};

}  // namespace

void stageInWorkers(std::size_t count, int jobs, std::chrono::milliseconds timeout,
                    const StageStep& step, const StageDone& done) {
  const int slots =
      static_cast<int>(std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, jobs))));
  std::vector<std::unique_ptr<Worker>> workers;
  for (int slot = 0; slot < slots; ++slot) workers.push_back(std::make_unique<Worker>(step));
  parallelFor(count, slots, [&](std::size_t index, int slot) {
    done(index, workers[static_cast<std::size_t>(slot)]->stage(index, timeout));
  });
  // Destroying the workers ends them (EOF on their socket) and reaps them.
}

}  // namespace tide::batch
