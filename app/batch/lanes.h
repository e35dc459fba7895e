// Lanes as data: each row says how to stage a case (compile it into the
// lane's staging directory), how to execute the staged case, and what the
// lane needs from the machine. Adding `jit-O1` is adding a row.
//
// Staging calls the compiler libraries (in staging workers, stage_pool.h):
// check only (interp), to an object (jit), to a linked executable (aot). A
// lane may instead stage with a command (the test-only `sh` lane). Executing
// runs a command (tide-runner, the executable) or, for the interpreter, the
// library in a forked child. Commands are argument vectors with
// placeholders, expanded per case:
//   {tide}    the tide executable (ours: /proc/self/exe)
//   {runner}  tide-runner beside it
//   {source}  the case's .toy file (absolute)
//   {staged}  staging path stem for this case: <staging>/<lane>/<id>;
//             the engine copies the source to {staged}.toy before staging
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/isolated_process.h"

namespace tide::batch {

struct Prerequisite {
  enum class Kind {
    ProgramOnPath,      // `name` resolves on PATH (cc)
    ProgramBesideTide,  // `name` is an executable next to tide (tide-runner)
  };
  Kind kind;
  std::string name;
};

enum class StageKind {
  Command,     // run stageCommand (none: nothing to stage)
  Check,       // the front end only: diagnostics
  Object,      // compile to {staged}.o
  Executable,  // compile to {staged}.o and link {staged}.exe
  Custom,      // customStage (tests)
};

enum class ExecuteKind {
  Command,    // run executeCommand
  Interpret,  // the interpreter on {staged}.toy, in a forked child
};

// A stage step of one's own, run in a staging worker: (source, staged stem)
// -> outcome (exit 0 = staged; else diagnostics on stderr).
using CustomStage =
    std::function<ProcessOutcome(const std::string& source, const std::string& stagedStem)>;

struct LaneDescriptor {
  std::string name;     // "jit-O0"
  std::string options;  // recorded in the manifest: "-O0"
  StageKind stageKind = StageKind::Command;
  int optimizationLevel = 0;  // for Object and Executable
  std::vector<std::string> stageCommand;
  CustomStage customStage;
  ExecuteKind executeKind = ExecuteKind::Command;
  std::vector<std::string> executeCommand;
  // The execute command gets a report pipe as fd 3 (tide-runner
  // --report-fd 3); a crash chain on it is symbolized against {staged}.o
  // and appended to the captured stderr, as `tide run` prints it.
  bool symbolizesRunnerReport = false;
  std::vector<Prerequisite> prerequisites;
  bool checksBacktrace = false;  // the lane prints the automatic backtrace on a fault
  ResourceLimits executeLimits;
};

// Every lane Tide knows, in report order.
const std::vector<LaneDescriptor>& laneTable();
const LaneDescriptor* findLane(std::string_view name);

// "interp,jit-O0" -> lanes; `error` names an unknown lane.
std::vector<LaneDescriptor> lanesFromList(std::string_view commaSeparated, std::string& error);

struct LaneEnvironment {
  std::string tidePath;
  std::string runnerPath;
};

// Finds tide (given, or /proc/self/exe) and tide-runner beside it.
LaneEnvironment discoverLaneEnvironment(std::string tidePath = {});

// The reason the lane cannot run here, or nullopt when it can.
std::optional<std::string> missingPrerequisite(const LaneDescriptor& lane,
                                               const LaneEnvironment& environment);

struct CommandPlaceholders {
  std::string tide, runner, source, staged;
};
std::vector<std::string> expandCommand(const std::vector<std::string>& command,
                                       const CommandPlaceholders& values);

}  // namespace tide::batch
