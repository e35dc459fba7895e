// The lane table. Staging calls the compiler libraries (in staging workers,
// so a compiler crash costs one case); jit and aot programs run as their own
// executables, interpreted ones in a forked child of the engine.
#include "batch/lanes.h"

#include <unistd.h>
#include <filesystem>
#include <sstream>

namespace tide::batch {

namespace {

// Toy programs get generous but finite resources; the address-space cap stays
// off for lanes whose processes may be sanitizer builds (huge shadow mappings).
constexpr ResourceLimits kProgramLimits{
    .cpuSeconds = 30,
    .addressSpaceBytes = std::uint64_t{4} << 30,
    .fileSizeBytes = std::uint64_t{64} << 20,
    .processCount = 64,
};

using Kind = Prerequisite::Kind;

std::vector<LaneDescriptor> makeLaneTable() {
  LaneDescriptor interp;
  interp.name = "interp";
  interp.options = "--interp";
  interp.stageKind = StageKind::Check;
  // Runs the staged copy: readable by the isolation uid wherever the corpus lives.
  interp.executeKind = ExecuteKind::Interpret;
  interp.checksBacktrace = true;
  interp.executeLimits = kProgramLimits;

  LaneDescriptor jit;
  jit.name = "jit-O0";
  jit.options = "-O0";
  jit.stageKind = StageKind::Object;
  jit.optimizationLevel = 0;
  jit.executeCommand = {"{runner}", "--report-fd", "3", "{staged}.o"};
  jit.symbolizesRunnerReport = true;
  jit.prerequisites = {{Kind::ProgramBesideTide, "tide-runner"}};
  jit.checksBacktrace = true;
  jit.executeLimits = kProgramLimits;

  LaneDescriptor aot;
  aot.name = "aot-O0";
  aot.options = "-O0";
  aot.stageKind = StageKind::Executable;
  aot.optimizationLevel = 0;
  aot.executeCommand = {"{staged}.exe"};
  aot.prerequisites = {{Kind::ProgramOnPath, "cc"}};
  aot.checksBacktrace = false;  // native executables print no trace
  aot.executeLimits = kProgramLimits;
  return {interp, jit, aot};
}

std::string executableBeside(const std::string& tidePath, const std::string& name) {
  if (tidePath.empty()) return {};
  const std::string candidate = (std::filesystem::path(tidePath).parent_path() / name).string();
  return access(candidate.c_str(), X_OK) == 0 ? candidate : std::string();
}

}  // namespace

const std::vector<LaneDescriptor>& laneTable() {
  static const std::vector<LaneDescriptor> table = makeLaneTable();
  return table;
}

const LaneDescriptor* findLane(std::string_view name) {
  for (const LaneDescriptor& lane : laneTable())
    if (lane.name == name) return &lane;
  return nullptr;
}

std::vector<LaneDescriptor> lanesFromList(std::string_view list, std::string& error) {
  std::vector<LaneDescriptor> lanes;
  std::istringstream items{std::string(list)};
  for (std::string item; std::getline(items, item, ',');) {
    if (item.empty()) continue;
    const LaneDescriptor* lane = findLane(item);
    if (!lane) {
      error = "unknown lane '" + item + "'";
      return {};
    }
    bool already = false;
    for (const LaneDescriptor& chosen : lanes) already |= chosen.name == lane->name;
    if (!already) lanes.push_back(*lane);
  }
  if (lanes.empty() && error.empty()) error = "no lane given";
  return lanes;
}

LaneEnvironment discoverLaneEnvironment(std::string tidePath) {
  LaneEnvironment environment;
  if (tidePath.empty()) {
    std::error_code error;
    tidePath = std::filesystem::read_symlink("/proc/self/exe", error).string();
  }
  environment.tidePath = tidePath;
  environment.runnerPath = executableBeside(tidePath, "tide-runner");
  return environment;
}

std::optional<std::string> missingPrerequisite(const LaneDescriptor& lane,
                                               const LaneEnvironment& environment) {
  for (const Prerequisite& need : lane.prerequisites) {
    switch (need.kind) {
      case Kind::ProgramOnPath:
        if (findExecutable(need.name).empty()) return "no '" + need.name + "' on PATH";
        break;
      case Kind::ProgramBesideTide:
        if (executableBeside(environment.tidePath, need.name).empty())
          return "no " + need.name + " beside " + environment.tidePath;
        break;
    }
  }
  return std::nullopt;
}

std::vector<std::string> expandCommand(const std::vector<std::string>& command,
                                       const CommandPlaceholders& values) {
  const std::pair<std::string_view, const std::string*> names[] = {
      {"{tide}", &values.tide},
      {"{runner}", &values.runner},
      {"{source}", &values.source},
      {"{staged}", &values.staged},
  };
  std::vector<std::string> expanded;
  for (std::string argument : command) {
    for (const auto& [name, value] : names)
      for (auto at = argument.find(name); at != std::string::npos;
           at = argument.find(name, at + value->size()))
        argument.replace(at, name.size(), *value);
    expanded.push_back(std::move(argument));
  }
  return expanded;
}

}  // namespace tide::batch
