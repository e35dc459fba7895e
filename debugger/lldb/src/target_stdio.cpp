// TargetStdio: FIFOs for the program's standard streams. Our ends are
// non-blocking: reads take what is there (a stop must not wait for output
// that never comes), and an end that reports end-of-file is closed so that
// poll does not spin on its hang-up. A write to a stdin nobody reads fails
// with EPIPE rather than a signal: the Target ignores SIGPIPE, as liblldb
// needs anyway (lldb_target.cpp).
#include "target_stdio.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tide::debugger {

namespace {

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Reads until the pipe is empty; closes fd at end-of-file.
void drainFd(int& fd, OutputStream stream, TargetEvents& events) {
  std::string bytes;
  char buffer[4096];
  while (fd >= 0) {
    const ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count > 0) {
      bytes.append(buffer, static_cast<std::size_t>(count));
    } else if (count == 0) {
      closeFd(fd);
    } else if (errno != EINTR) {
      break;  // EAGAIN: empty for now
    }
  }
  if (!bytes.empty()) events.push_back(OutputEvent{stream, std::move(bytes)});
}

}  // namespace

TargetStdio::~TargetStdio() { closeAll(); }

bool TargetStdio::create(std::string* error) {
  closeAll();
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/tide-target-XXXXXX";
  if (!::mkdtemp(pattern.data())) {
    *error = "cannot make a directory for the program's stdio: " + std::string(strerror(errno));
    return false;
  }
  directory_ = pattern;
  for (const std::string& path : {stdinPath(), stdoutPath(), stderrPath()}) {
    if (::mkfifo(path.c_str(), 0600) != 0) {
      *error = "cannot make " + path + ": " + strerror(errno);
      closeAll();
      return false;
    }
  }
  // stdin read-write: opening a FIFO for writing alone fails while nobody
  // reads it, and the program opens its end only later.
  stdinFd_ = ::open(stdinPath().c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  stdoutFd_ = ::open(stdoutPath().c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  stderrFd_ = ::open(stderrPath().c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (stdinFd_ < 0 || stdoutFd_ < 0 || stderrFd_ < 0) {
    *error = "cannot open the program's stdio FIFOs: " + std::string(strerror(errno));
    closeAll();
    return false;
  }
  return true;
}

void TargetStdio::afterLaunch() {
  // The program reads stdin now, so a write-only open succeeds; dropping
  // our read-write end leaves the program the only reader and us the only
  // writer, and closing ours is end-of-file for it.
  const int writeOnly = ::open(stdinPath().c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  closeFd(stdinFd_);
  stdinFd_ = writeOnly;
  removeFiles();
}

void TargetStdio::drain(TargetEvents& events) {
  drainFd(stdoutFd_, OutputStream::Stdout, events);
  drainFd(stderrFd_, OutputStream::Stderr, events);
}

void TargetStdio::waitForOutput(std::chrono::microseconds timeout) {
  pollfd fds[2];
  nfds_t count = 0;
  for (int fd : {stdoutFd_, stderrFd_})
    if (fd >= 0) fds[count++] = pollfd{fd, POLLIN, 0};
  const timespec wait{static_cast<time_t>(timeout.count() / 1000000),
                      static_cast<long>(timeout.count() % 1000000 * 1000)};
  // With nothing to watch this just sleeps.
  ::ppoll(count ? fds : nullptr, count, &wait, nullptr);
}

bool TargetStdio::writeStdin(std::string_view bytes) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (!bytes.empty() && stdinFd_ >= 0) {
    const ssize_t written = ::write(stdinFd_, bytes.data(), bytes.size());
    if (written > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(written));
      continue;
    }
    if (written < 0 && errno == EINTR) continue;
    if (written < 0 && errno != EAGAIN) return false;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    pollfd room{stdinFd_, POLLOUT, 0};
    ::poll(&room, 1, 10);
  }
  return bytes.empty();
}

void TargetStdio::closeStdin() { closeFd(stdinFd_); }

void TargetStdio::closeAll() {
  closeFd(stdinFd_);
  closeFd(stdoutFd_);
  closeFd(stderrFd_);
  removeFiles();
}

void TargetStdio::removeFiles() {
  if (directory_.empty()) return;
  for (const std::string& path : {stdinPath(), stdoutPath(), stderrPath()}) ::unlink(path.c_str());
  ::rmdir(directory_.c_str());
  directory_.clear();
}

}  // namespace tide::debugger
