// PreforkedHost (see preforked_host.h): the object travels on a pipe whose
// read end is the child's object fd, so the child's read of the whole
// object (hostImage reads to end of file) is also its wait for the compile.
#include "tide/jit/preforked_host.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>

#include "host_child.h"

namespace tide::jit {
namespace {

// Forks a child that sets itself up as runImage's spawn sets up tide-runner
// (descriptors, default signal dispositions, empty mask) and then calls
// `host`, which never returns. The child closes `parentEnd` and the report
// and capture pipes' read ends: without an exec, close-on-exec closes
// nothing, and the pipes must close when the child exits. Returns the
// child's pid, or -1 with errno set.
pid_t forkHost(InProcessHost host, const RunOptions& options, int objectFd, int parentEnd,
               const detail::HostPipes& pipes, const std::string& programName,
               const std::vector<std::string>& arguments) {
  std::fflush(nullptr);  // else the child inherits, and later writes, unwritten buffers
  const pid_t pid = fork();
  if (pid != 0) return pid;
  for (int end : {parentEnd, pipes.reportRead.get(), pipes.outRead.get(), pipes.errRead.get()})
    if (end >= 0) close(end);
  if (options.captureStdout) dup2(pipes.outWrite.get(), 1);
  if (options.captureStderr) dup2(pipes.errWrite.get(), 2);
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
  host(objectFd, pipes.reportWrite.get(), programName.c_str(), arguments);
  _exit(125);  // not reached: `host` never returns
}

}  // namespace

struct PreforkedHost::Pipes {
  detail::Fd objectRead, objectWrite;
  detail::HostPipes host;
};

PreforkedHost::PreforkedHost(InProcessHost host, const RunOptions& options,
                             std::vector<std::string> arguments)
    : options_(options), pipes_(std::make_unique<Pipes>()) {
  if (host == nullptr) {
    error_ = "a preforked host needs a host function";
    return;
  }
  if (!detail::makePipe(pipes_->objectRead, pipes_->objectWrite) || !pipes_->host.open(options_)) {
    error_ = detail::errnoText("pipe");
    return;
  }
  const std::string programName = options_.programName.empty() ? "program" : options_.programName;
  pid_ = forkHost(host, options_, pipes_->objectRead.get(), pipes_->objectWrite.get(), pipes_->host,
                  programName, arguments);
  if (pid_ < 0) {
    error_ = detail::errnoText("fork");
    return;
  }
  pipes_->objectRead.reset();
  pipes_->host.closeChildEnds();
  pinChildElsewhere();
}

// Without this the scheduler left the new child queued behind this process
// on its CPU until the compile ended and this process blocked, so the
// child's set-up did not overlap the compile at all (measured with
// timestamps: the child's first instruction came after the compile's end).
// Pinned to another CPU it runs at once; run() gives back the whole mask
// before the program can start.
void PreforkedHost::pinChildElsewhere() {
  cpu_set_t mine;
  CPU_ZERO(&mine);
  if (sched_getaffinity(0, sizeof(mine), &mine) != 0 || CPU_COUNT(&mine) < 2) return;
  const int here = sched_getcpu();
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (cpu == here || !CPU_ISSET(cpu, &mine)) continue;
    cpu_set_t there;
    CPU_ZERO(&there);
    CPU_SET(cpu, &there);
    if (sched_setaffinity(pid_, sizeof(there), &there) == 0) {
      originalAffinity_ = mine;
    }
    return;
  }
}

// Gives the child the whole mask back, by way of this process's CPU: a
// child that never got to run on the CPU it was pinned to (that CPU busy
// with other work) stays queued there when its mask only widens, and
// `tide run` then waited for that CPU (one busy core: median 2.74 ms, p90
// 6.1 ms, against 1.84 ms when forked after the compile). Moved here first,
// it runs as soon as this process blocks (1.71 ms); a child already asleep
// in its read is woken wherever the scheduler likes.
void PreforkedHost::releaseChildPin() {
  if (!originalAffinity_) return;
  const int here = sched_getcpu();
  if (here >= 0) {
    cpu_set_t thisCpu;
    CPU_ZERO(&thisCpu);
    CPU_SET(here, &thisCpu);
    sched_setaffinity(pid_, sizeof(thisCpu), &thisCpu);
  }
  sched_setaffinity(pid_, sizeof(cpu_set_t), &*originalAffinity_);
  originalAffinity_.reset();
}

PreforkedHost::~PreforkedHost() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

RunResult PreforkedHost::run(const std::vector<std::uint8_t>& object) {
  if (pid_ <= 0) {
    RunResult result;
    result.error = error_.empty() ? "the preforked host was already used" : error_;
    return result;
  }
  releaseChildPin();
  // A child that died early (killed while waiting) closed its end: the
  // write fails with EPIPE, which must not kill this process.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &previous);
  detail::writeAll(pipes_->objectWrite.get(), object.data(), object.size());
  sigaction(SIGPIPE, &previous, nullptr);
  pipes_->objectWrite.reset();  // end of file: the child starts loading
  const pid_t pid = pid_;
  pid_ = -1;
  return detail::collectRun(pid, pipes_->host, options_);
}

}  // namespace tide::jit
