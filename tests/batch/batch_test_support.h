// Helpers shared by tests/app/Batch*.tests.cpp: the test-only `sh` lane over
// tests/batch/sh-corpus, a scratch directory, running commands, and finding
// processes by a marker in their command line (to prove none survive).
#pragma once

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "batch/lanes.h"

namespace tide::batch::testing {

// stage = `sh -n` (a syntax check standing in for the compiler), execute = `sh`.
inline LaneDescriptor shellLane() {
  LaneDescriptor lane;
  lane.name = "sh";
  lane.options = "-n";
  lane.stageCommand = {"sh", "-n", "{source}"};
  lane.executeCommand = {"sh", "{source}"};
  lane.checksBacktrace = true;
  lane.executeLimits = {
      .cpuSeconds = 30, .addressSpaceBytes = 0, .fileSizeBytes = 1 << 20, .processCount = 64};
  return lane;
}

inline std::filesystem::path shellCorpus() {
  return std::filesystem::path(TIDE_SOURCE_DIR) / "tests/batch/sh-corpus";
}
inline std::filesystem::path toyCorpus() {
  return std::filesystem::path(TIDE_SOURCE_DIR) / "tests/batch/corpus";
}

struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tide-batch-test-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~ScratchDirectory() {
    std::error_code error;
    std::filesystem::remove_all(path, error);
  }
  std::filesystem::path operator/(const std::string& name) const { return path / name; }
};

struct CommandOutput {
  int status = -1;
  std::string output;
};

inline CommandOutput runShell(const std::string& command) {
  CommandOutput result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
    result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Live (not zombie) processes whose command line contains `marker`.
inline int processesWithMarker(const std::string& marker) {
  int count = 0;
  DIR* proc = opendir("/proc");
  if (!proc) return -1;
  while (const dirent* entry = readdir(proc)) {
    if (std::atoi(entry->d_name) <= 0 || std::atoi(entry->d_name) == getpid()) continue;
    const std::string base = std::string("/proc/") + entry->d_name;
    std::string cmdline = readText(base + "/cmdline");
    for (char& c : cmdline)
      if (c == '\0') c = ' ';
    const std::string stat = readText(base + "/stat");
    const auto close = stat.rfind(')');
    const bool zombie =
        close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
    if (!zombie && cmdline.find(marker) != std::string::npos) ++count;
  }
  closedir(proc);
  return count;
}

}  // namespace tide::batch::testing
