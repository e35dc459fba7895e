// The lane table. Lanes run the `tide` executable as a subprocess, which keeps
// the engine independent of the compiler libraries and every case isolated;
// a lane may later call the libraries in-process by a different row kind.
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
  return {
      {
          .name = "interp",
          .options = "--interp",
          .stageCommand = {"{tide}", "check", "{source}"},
          // The staged copy: readable by the isolation uid wherever the corpus lives.
          .executeCommand = {"{tide}", "run", "--interp", "{staged}.toy"},
          .prerequisites = {{Kind::TideCommand, "check", ""},
                            {Kind::TideCommand, "run", "--interp"}},
          .checksBacktrace = true,
          .executeLimits = kProgramLimits,
      },
      {
          .name = "jit-O0",
          .options = "-O0",
          .stageCommand = {"{tide}", "build", "-c", "-O0", "{source}", "-o", "{staged}.o"},
          .executeCommand = {"{runner}", "{staged}.o"},
          .prerequisites = {{Kind::TideCommand, "build", ""},
                            {Kind::ProgramBesideTide, "tide-runner", ""}},
          // The bare runner reports a fault on its report fd, unsymbolized
          // (docs/runner.md); turn this on when the lane executes through a
          // parent that prints the symbolized trace.
          .checksBacktrace = false,
          .executeLimits = kProgramLimits,
      },
      {
          .name = "aot-O0",
          .options = "-O0",
          .stageCommand = {"{tide}", "build", "-O0", "{source}", "-o", "{staged}.exe"},
          .executeCommand = {"{staged}.exe"},
          .prerequisites = {{Kind::TideCommand, "build", ""}, {Kind::ProgramOnPath, "cc", ""}},
          .checksBacktrace = false,
          .executeLimits = kProgramLimits,
      },
  };
}

std::string executableBeside(const std::string& tidePath, const std::string& name) {
  if (tidePath.empty()) return {};
  const std::string candidate = (std::filesystem::path(tidePath).parent_path() / name).string();
  return access(candidate.c_str(), X_OK) == 0 ? candidate : std::string();
}

// The help line of `command`: "  NAME usage   summary".
std::optional<std::string> helpLineOf(const std::string& help, const std::string& command) {
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == command) return line;
  }
  return std::nullopt;
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
  if (!tidePath.empty()) {
    ProcessSpec help;
    help.arguments = {tidePath, "--help"};
    help.timeout = std::chrono::milliseconds(10000);
    help.extraEnvironment = {"QT_QPA_PLATFORM=offscreen"};
    environment.tideHelp = runIsolated(help).standardOutput;
  }
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
      case Kind::TideCommand: {
        const auto line = helpLineOf(environment.tideHelp, need.name);
        if (!line || line->find(need.mentions) == std::string::npos)
          return "tide has no '" + need.name + (need.mentions.empty() ? "" : " " + need.mentions) +
                 "' command yet";
        break;
      }
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
