// Running one command isolated from every other: its own process group, a
// wall-clock deadline after which the whole group is killed, rlimits, stdout
// and stderr captured through pipes up to a cap, stdin from /dev/null.
// Whatever the command does — crash, fork, close its output, write forever,
// leave children behind — ends with the whole group killed and reaped before
// runIsolated returns. When run as root with `runAsUser`, the child drops to
// that uid so RLIMIT_NPROC (ignored for root) bounds fork bombs, and any
// process of that uid that escaped the group is killed too.
#pragma once

#include <sys/types.h>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tide::batch {

struct ResourceLimits {
  std::uint64_t cpuSeconds = 0;         // RLIMIT_CPU; 0 = leave as inherited
  std::uint64_t addressSpaceBytes = 0;  // RLIMIT_AS (not for ASan programs)
  std::uint64_t fileSizeBytes = 0;      // RLIMIT_FSIZE
  std::uint64_t processCount = 0;       // RLIMIT_NPROC (per real uid)
};

struct ProcessSpec {
  std::vector<std::string> arguments;  // arguments[0] is the program (PATH searched)
  // Instead of exec'ing `arguments`: fork (not vfork) and run this in the
  // child, whose exit status is its return value. The child has the same
  // isolation (group, rlimits, uid, pipes) and only the forking thread; it
  // must not rely on locks other threads may hold (glibc resets malloc's and
  // stdio's at fork). Used to execute Toy code through the libraries
  // without loading an executable per case.
  std::function<int()> inProcess;
  // A third pipe, fd 3 in the child, read into ProcessOutcome::report (the
  // tide-runner report stream, docs/runner.md).
  bool reportPipe = false;
  std::string workingDirectory;               // empty: inherit
  std::vector<std::string> extraEnvironment;  // "NAME=value", added to ours
  std::chrono::milliseconds timeout{10000};
  std::size_t outputLimit = 1 << 20;  // bytes per stream
  ResourceLimits limits;
  std::optional<uid_t> runAsUser;  // only honoured when we are root
};

enum class ProcessEnding { Exited, Signaled, TimedOut, OutputLimit, SpawnFailed };

struct ProcessOutcome {
  ProcessEnding ending = ProcessEnding::SpawnFailed;
  int exitCode = 0;  // when Exited
  int signal = 0;    // when Signaled
  std::string standardOutput;
  std::string standardError;
  std::string report;  // what the program wrote on fd 3 (reportPipe), up to outputLimit
  bool outputTruncated = false;
  std::chrono::microseconds duration{0};
  std::string spawnError;
  bool groupSurvived = false;  // a member of the group was still alive after cleanup (a bug)

  // The POSIX status a shell would report: exit code, or 128 + signal;
  // -1 when the process was stopped by us or never ran.
  int shellStatus() const;
};

ProcessOutcome runIsolated(const ProcessSpec& spec);

// A process group made outside runIsolated (the staging workers): while it
// lives, the interrupt handler kills it, and killRemainingChildren counts its
// leftovers as ours.
class TrackedGroup {
 public:
  explicit TrackedGroup(pid_t group);
  ~TrackedGroup();
  TrackedGroup(const TrackedGroup&) = delete;
  TrackedGroup& operator=(const TrackedGroup&) = delete;

 private:
  std::size_t slot_;
};

// Makes this process the reaper of orphaned descendants, so nothing a case
// leaves behind escapes to init. Idempotent; false when the kernel refuses.
bool becomeChildSubreaper();

// Kills and reaps the children of this process that a case left (the
// orphans a subreaper inherits): members of groups runIsolated made, and
// processes owned by uids >= firstIsolationUid (0: none). Other children of
// the host process are left alone. Call when no runIsolated is in flight.
int killRemainingChildren(unsigned firstIsolationUid = 0);

// Kills the process group of every runIsolated in flight. Async-signal-safe:
// a SIGINT/SIGTERM handler calls it so an interrupted run leaves nothing behind.
void killActiveGroupsFromSignalHandler();

// Where `program` resolves on PATH (or itself when it contains a '/');
// empty when not found or not executable.
std::string findExecutable(const std::string& program);

}  // namespace tide::batch
