// Runs a shell command as a user would and collects what it printed: the
// tests of whole executables (tide, tide-runner) share this one helper.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace tide::testing {

struct ShellOutcome {
  int status = -1;     // exit status, 128 + signal when killed, -1 if it never ran
  std::string output;  // stdout and stderr together
};

inline ShellOutcome runShellCommand(const std::string& command) {
  ShellOutcome outcome;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return outcome;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
    outcome.output.append(buffer, n);
  const int raw = pclose(pipe);
  if (WIFEXITED(raw)) outcome.status = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) outcome.status = 128 + WTERMSIG(raw);
  return outcome;
}

}  // namespace tide::testing
