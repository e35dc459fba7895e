// The direct command comes from the driver's `-###` dry run: the collect2
// line, split like a shell would (gcc quotes arguments that need it),
// with collect2 replaced by ld and the LTO plugin options dropped (our
// objects carry no LTO sections). Links run through posix_spawn with one
// pipe for stdout and stderr; no engine-global state is touched, since this
// runs inside forked staging workers.
#include "batch/system_linker.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

extern char** environ;

namespace tide::batch {

namespace {

constexpr const char* kOutputMarker = "TIDE_LINK_OUTPUT";
constexpr const char* kObjectMarker = "TIDE_LINK_OBJECT.o";

// Runs `arguments` (PATH searched), returning its status and merged output.
ProcessOutcome runCapturing(const std::vector<std::string>& arguments) {
  ProcessOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  int ends[2];
  if (arguments.empty() || pipe2(ends, O_CLOEXEC) != 0) {
    outcome.spawnError = arguments.empty() ? "no command" : std::strerror(errno);
    return outcome;
  }
  std::vector<std::string> copies = arguments;
  std::vector<char*> argv;
  for (std::string& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, ends[1], 1);
  posix_spawn_file_actions_adddup2(&actions, ends[1], 2);
  pid_t pid = -1;
  const int error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(ends[1]);
  if (error != 0) {
    close(ends[0]);
    outcome.spawnError = "cannot start " + arguments[0] + ": " + std::strerror(error);
    return outcome;
  }
  char buffer[16384];
  for (;;) {
    const ssize_t got = read(ends[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    if (outcome.standardError.size() < (1u << 20))
      outcome.standardError.append(buffer, static_cast<std::size_t>(got));
  }
  close(ends[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.duration = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  if (WIFSIGNALED(status)) {
    outcome.ending = ProcessEnding::Signaled;
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.ending = ProcessEnding::Exited;
    outcome.exitCode = WEXITSTATUS(status);
  }
  return outcome;
}

// Splits one line of `-###` output: words separated by spaces, "..."
// quoting with backslash escapes inside.
std::vector<std::string> splitDriverLine(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool inWord = false, quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '\\' && i + 1 < line.size())
        word += line[++i];
      else if (c == '"')
        quoted = false;
      else
        word += c;
    } else if (c == '"') {
      quoted = inWord = true;
    } else if (c == ' ' || c == '\t') {
      if (inWord) words.push_back(word), word.clear(), inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push_back(word);
  return words;
}

LinkerCommand driverCommand() { return {{"cc", "-o", "{output}", "{object}", "-lm"}, false}; }

}  // namespace

LinkerCommand directLinkerCommand(const std::string& driver, const std::string& linker) {
  const ProcessOutcome dryRun =
      runCapturing({driver, "-###", "-o", kOutputMarker, kObjectMarker, "-lm"});
  if (dryRun.ending != ProcessEnding::Exited || dryRun.exitCode != 0) return {};
  std::istringstream lines(dryRun.standardError);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> words = splitDriverLine(line);
    if (words.empty() || std::filesystem::path(words[0]).filename() != "collect2") continue;
    LinkerCommand command;
    command.direct = true;
    // An absolute path: posix_spawnp would try every PATH entry per link.
    const std::string resolved = findExecutable(linker);
    if (resolved.empty()) return {};
    command.arguments.push_back(resolved);
    bool sawObject = false, sawOutput = false;
    for (std::size_t i = 1; i < words.size(); ++i) {
      const std::string& word = words[i];
      if (word == "-plugin") {
        ++i;  // and its path
        continue;
      }
      if (word.rfind("-plugin-opt=", 0) == 0) continue;
      if (word == kObjectMarker) {
        command.arguments.push_back("{object}");
        sawObject = true;
      } else if (word == kOutputMarker) {
        command.arguments.push_back("{output}");
        sawOutput = true;
      } else {
        command.arguments.push_back(word);
      }
    }
    if (sawObject && sawOutput) return command;
  }
  return {};
}

const LinkerCommand& systemLinkerCommand(const std::vector<unsigned char>& probeObject) {
  static LinkerCommand chosen;
  static std::once_flag once;
  std::call_once(once, [&] {
    chosen = driverCommand();
    if (probeObject.empty()) return;
    char directory[] = "/tmp/tide-link-probe-XXXXXX";
    if (!mkdtemp(directory)) return;
    const std::string object = std::string(directory) + "/probe.o";
    const std::string output = std::string(directory) + "/probe";
    {
      std::ofstream out(object, std::ios::binary);
      out.write(reinterpret_cast<const char*>(probeObject.data()),
                static_cast<std::streamsize>(probeObject.size()));
    }
    // gold links our objects in about 3/4 of bfd's time; either must pass the probe.
    for (const char* linker : {"ld.gold", "ld"}) {
      LinkerCommand direct = directLinkerCommand("cc", linker);
      if (direct.arguments.empty()) continue;
      const ProcessOutcome linked = linkExecutable(direct, object, output);
      const ProcessOutcome ran = runCapturing({output});
      if (linked.ending == ProcessEnding::Exited && linked.exitCode == 0 &&
          ran.ending == ProcessEnding::Exited && ran.exitCode == 0) {
        chosen = std::move(direct);
        break;
      }
    }
    std::error_code error;
    std::filesystem::remove_all(directory, error);
  });
  return chosen;
}

ProcessOutcome linkExecutable(const LinkerCommand& command, const std::string& objectPath,
                              const std::string& outputPath) {
  std::vector<std::string> arguments;
  for (const std::string& argument : command.arguments)
    arguments.push_back(argument == "{object}"   ? objectPath
                        : argument == "{output}" ? outputPath
                                                 : argument);
  return runCapturing(arguments);
}

}  // namespace tide::batch
