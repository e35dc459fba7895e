// The shared plumbing of host_child.h.
#include "host_child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "tide/jit/runner_protocol.h"

namespace tide::jit::detail {

void Fd::reset(int fd) {
  if (fd_ >= 0) close(fd_);
  fd_ = fd;
}

std::string errnoText(const std::string& what) { return what + ": " + std::strerror(errno); }

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

bool HostPipes::open(const RunOptions& options) {
  return makePipe(reportRead, reportWrite) &&
         (!options.captureStdout || makePipe(outRead, outWrite)) &&
         (!options.captureStderr || makePipe(errRead, errWrite));
}

void HostPipes::closeChildEnds() {
  reportWrite.reset();
  outWrite.reset();
  errWrite.reset();
}

namespace {

struct Stream {
  Fd* fd;
  std::string* text;
};

std::int64_t nowMilliseconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return std::int64_t{now.tv_sec} * 1000 + now.tv_nsec / 1000000;
}

RunnerReport parseReport(const std::string& bytes) {
  return parseRunnerReport({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
}

// Whether the stream so far says the program exited (and did not crash).
bool reportsExit(const std::string& bytes) {
  const RunnerReport report = parseReport(bytes);
  return report.exitStatus && !report.crash;
}

}  // namespace

RunResult collectRun(pid_t pid, HostPipes& pipes, const RunOptions& options) {
  RunResult result;
  result.started = true;
  std::string reportBytes;
  std::vector<Stream> open;
  open.push_back({&pipes.reportRead, &reportBytes});
  if (options.captureStdout) open.push_back({&pipes.outRead, &result.stdoutText});
  if (options.captureStderr) open.push_back({&pipes.errRead, &result.stderrText});
  const std::int64_t deadline =
      options.timeoutMilliseconds > 0 ? nowMilliseconds() + options.timeoutMilliseconds : 0;
  const bool returnEarly =
      options.returnAtExitReport && !options.captureStdout && !options.captureStderr;
  bool exitReported = false;  // returnEarly and the Exited message is in: stop, do not reap
  char buffer[65536];
  while (!open.empty() && !exitReported) {
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
      if (returnEarly && &text == &reportBytes) exitReported = reportsExit(reportBytes);
    }
  }

  int status = 0;
  if (!exitReported) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  const RunnerReport report = parseReport(reportBytes);
  if (report.imageBase) {
    result.imageBase = *report.imageBase;
    result.imageSize = report.imageSize;
  }
  if (exitReported) {
    result.exitCode = *report.exitStatus;
  } else if (WIFEXITED(status)) {
    result.exitCode = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
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

}  // namespace tide::jit::detail
