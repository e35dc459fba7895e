// A host child forked before the program is compiled (`tide run`): while
// this process compiles, the child resets its signals, opens libm and then
// blocks reading the object from a pipe, so none of that, nor a fork of the
// larger process the compile leaves behind, is on the way from the compile's
// end to the program's main. The child is forked while this process is
// small and single-threaded: create the host before the compile starts any
// thread.
#pragma once

#include <sched.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tide/jit/jit_session.h"

namespace tide::jit {

class PreforkedHost {
 public:
  // Forks now; the child calls `host` (jit::hostImage) with the object
  // pipe's read end. RunOptions::runnerPath is not used. Stdio is flushed
  // first, so the child inherits no unwritten buffers.
  PreforkedHost(InProcessHost host, const RunOptions& options, std::vector<std::string> arguments);
  // A host that was never given an object is killed and reaped.
  ~PreforkedHost();
  PreforkedHost(const PreforkedHost&) = delete;
  PreforkedHost& operator=(const PreforkedHost&) = delete;

  // False (with error()) if the pipes or the fork failed.
  bool started() const { return pid_ > 0; }
  const std::string& error() const { return error_; }

  // Hands the object to the child and waits as runImage does. Once.
  RunResult run(const std::vector<std::uint8_t>& object);

 private:
  void pinChildElsewhere();
  void releaseChildPin();
  struct Pipes;
  std::optional<cpu_set_t> originalAffinity_;  // set while the child is pinned
  RunOptions options_;
  std::unique_ptr<Pipes> pipes_;
  pid_t pid_ = -1;
  std::string error_;
};

}  // namespace tide::jit
