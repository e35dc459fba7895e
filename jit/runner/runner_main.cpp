// tide-runner: hosts one JIT-compiled program (protocol in docs/runner.md).
//
//   tide-runner [--object-fd N | OBJECT] [--report-fd N] [--program-name NAME] [-- ARGS...]
//
// Parses its arguments and hands over to hostImage (runner_host.h), which
// loads the ET_REL object into a W^X image, resolves externs with
// dlsym(RTLD_DEFAULT), registers a debug copy with the GDB JIT interface,
// reports the image base, calls tide_runner_image_loaded(base) (a debugger's
// breakpoint), installs the crash guard and calls main(argc, argv). Exits
// with main's value & 0xff; load failures exit 125.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "tide/jit/runner_host.h"
#include "tide/jit/runner_protocol.h"

namespace {

constexpr int kLoadFailureStatus = 125;

struct Options {
  std::string objectPath;
  int objectFd = -1;
  int reportFd = -1;
  std::string programName;
  std::vector<std::string> programArguments;
};

[[noreturn]] void failLoad(const Options& options, const std::string& message) {
  std::fprintf(stderr, "tide-runner: %s\n", message.c_str());
  // The report is a few bytes: one write is enough, and nothing could be
  // done about a failure on the way out.
  const std::vector<std::uint8_t> report = tide::jit::encodeLoadFailed(message);
  if (options.reportFd >= 0) {
    const ssize_t written = write(options.reportFd, report.data(), report.size());
    static_cast<void>(written);
  }
  std::exit(kLoadFailureStatus);
}

bool parseFd(const char* text, int* out) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != 0 || value < 0 || value > 1 << 20) return false;
  *out = static_cast<int>(value);
  return true;
}

Options parseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    const bool hasValue = i + 1 < argc;
    if (argument == "--") {
      for (++i; i < argc; ++i) options.programArguments.emplace_back(argv[i]);
      break;
    }
    if (argument == "--object-fd" && hasValue) {
      if (!parseFd(argv[++i], &options.objectFd)) failLoad(options, "bad --object-fd value");
    } else if (argument == "--report-fd" && hasValue) {
      if (!parseFd(argv[++i], &options.reportFd)) failLoad(options, "bad --report-fd value");
    } else if (argument == "--program-name" && hasValue) {
      options.programName = argv[++i];
    } else if (!argument.starts_with("--") && options.objectPath.empty()) {
      options.objectPath = argument;
    } else {
      failLoad(options,
               "usage: tide-runner [--object-fd N | OBJECT] [--report-fd N] "
               "[--program-name NAME] [-- ARGS...] (bad argument '" +
                   argument + "')");
    }
  }
  if ((options.objectFd < 0) == options.objectPath.empty())
    failLoad(options, "give exactly one of OBJECT or --object-fd N");
  if (options.programName.empty())
    options.programName = options.objectPath.empty()
                              ? "/proc/self/fd/" + std::to_string(options.objectFd)
                              : options.objectPath;
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parseOptions(argc, argv);
  if (options.objectFd < 0) {
    options.objectFd = open(options.objectPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (options.objectFd < 0)
      failLoad(options, "cannot open '" + options.objectPath + "': " + std::strerror(errno));
  }
  tide::jit::hostImage(options.objectFd, options.reportFd, options.programName.c_str(),
                       options.programArguments);
}
