// Lanes as data: each row says how to stage a case (compile it into the
// lane's staging directory), how to execute the staged case, and what the
// lane needs from the machine. Adding `jit-O1` is adding a row. Commands are
// argument vectors with placeholders, expanded per case:
//   {tide}    the tide executable (ours: /proc/self/exe)
//   {runner}  tide-runner beside it
//   {source}  the case's .toy file (absolute)
//   {staged}  staging path stem for this case: <staging>/<lane>/<id>;
//             the engine copies the source to {staged}.toy before staging
// An empty stage command means the lane compiles at execution time.
#pragma once

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
    TideCommand,        // `tide --help` lists command `name`, its line mentioning `mentions`
  };
  Kind kind;
  std::string name;
  std::string mentions;
};

struct LaneDescriptor {
  std::string name;     // "jit-O0"
  std::string options;  // recorded in the manifest: "-O0"
  std::vector<std::string> stageCommand;
  std::vector<std::string> executeCommand;
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
  std::string tideHelp;  // `tide --help` output, for TideCommand prerequisites
};

// Finds tide (given, or /proc/self/exe), tide-runner beside it, and reads
// `tide --help` once.
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
