// tide-runner: hosts one JIT-compiled program (protocol in docs/runner.md).
//
//   tide-runner [--object-fd N | OBJECT] [--report-fd N] [--program-name NAME] [-- ARGS...]
//
// Loads the ET_REL object into a W^X image laid out by layoutImage, resolves
// externs with dlsym(RTLD_DEFAULT), registers a debug copy with the GDB JIT
// interface, reports the image base, calls tide_runner_image_loaded(base)
// (a debugger's breakpoint), installs the crash guard and calls
// main(argc, argv); exits with main's value & 0xff. Load failures exit 125.
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "crash_guard.h"
#include "gdb_jit_interface.h"
#include "image_mapping.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_builder.h"
#include "tide/jit/image_layout.h"
#include "tide/jit/runner_protocol.h"

// A debugger sets a breakpoint here to learn the image base before main runs.
extern "C" __attribute__((noinline, used)) void tide_runner_image_loaded(std::uint64_t base) {
  asm volatile("" : : "r"(base) : "memory");
}

namespace {

constexpr int kLoadFailureStatus = 125;

struct Options {
  std::string objectPath;
  int objectFd = -1;
  int reportFd = -1;
  std::string programName;
  std::vector<std::string> programArguments;
};

void writeAll(int fd, const std::vector<std::uint8_t>& bytes) {
  std::size_t done = 0;
  while (fd >= 0 && done < bytes.size()) {
    const ssize_t written = write(fd, bytes.data() + done, bytes.size() - done);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    done += static_cast<std::size_t>(written);
  }
}

[[noreturn]] void failLoad(const Options& options, const std::string& message) {
  std::fprintf(stderr, "tide-runner: %s\n", message.c_str());
  writeAll(options.reportFd, tide::jit::encodeLoadFailed(message));
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

std::vector<std::uint8_t> readObject(const Options& options) {
  int fd = options.objectFd;
  if (fd < 0) {
    fd = open(options.objectPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      failLoad(options, "cannot open '" + options.objectPath + "': " + std::strerror(errno));
  } else if (lseek(fd, 0, SEEK_SET) < 0 && errno != ESPIPE) {
    failLoad(options, "cannot rewind the object fd: " + std::string(std::strerror(errno)));
  }
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[65536];
  for (;;) {
    const ssize_t got = read(fd, chunk, sizeof(chunk));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) failLoad(options, "cannot read the object: " + std::string(std::strerror(errno)));
    if (got == 0) break;
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  close(fd);
  return bytes;
}

std::uint64_t resolveExternal(const std::string& name) {
  return reinterpret_cast<std::uint64_t>(dlsym(RTLD_DEFAULT, name.c_str()));
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parseOptions(argc, argv);
  // libm is linked without --as-needed; dlopen it too so sqrt & co. resolve
  // even if a toolchain drops the unreferenced dependency.
  dlopen("libm.so.6", RTLD_NOW | RTLD_GLOBAL);

  const std::vector<std::uint8_t> file = readObject(options);
  tide::jit::ElfParseResult parsed = tide::jit::parseElfObject(file);
  if (!parsed.object) failLoad(options, parsed.error);
  const tide::jit::ElfObject& object = *parsed.object;
  tide::jit::LayoutResult laidOut = tide::jit::layoutImage(object);
  if (!laidOut.layout) failLoad(options, laidOut.error);
  const tide::jit::ImageLayout& layout = *laidOut.layout;

  const std::uint32_t mainSymbol = object.findSymbol("main");
  if (mainSymbol == 0 || object.symbols[mainSymbol].type != STT_FUNC)
    failLoad(options, "the object defines no function 'main'");

  std::string error;
  // Map next to the lowest extern that must be PC32-reachable (e.g. `stdout`,
  // which lives in the runner's own .bss via a copy relocation), or else
  // next to the C library.
  std::uint64_t nearAddress = 0;
  for (std::uint32_t symbol : tide::jit::externsNeedingProximity(object, layout)) {
    const std::uint64_t address = resolveExternal(object.symbols[symbol].name);
    if (address != 0 && (nearAddress == 0 || address < nearAddress)) nearAddress = address;
  }
  if (nearAddress == 0) nearAddress = resolveExternal("puts");
  std::uint8_t* image = tide::runner::mapWritableImage(layout, nearAddress, &error);
  if (image == nullptr) failLoad(options, error);
  const std::uint64_t base = reinterpret_cast<std::uint64_t>(image);
  error = tide::jit::buildImage(file, object, layout, base, {image, layout.size}, resolveExternal);
  if (!error.empty()) failLoad(options, error);
  error = tide::runner::protectImage(image, layout);
  if (!error.empty()) failLoad(options, error);

  tide::runner::registerWithDebugger(tide::jit::makeDebugObject(file, object, layout, base));
  writeAll(options.reportFd, tide::jit::encodeImageLoaded(base, layout.size));
  tide_runner_image_loaded(base);

  tide::runner::CrashGuardConfig guard;
  guard.reportFd = options.reportFd;
  for (const tide::jit::ImageSegment& segment : layout.segments)
    if (segment.permissions == tide::jit::Permissions::ReadExecute) {
      guard.imageCodeStart = base + segment.offset;
      guard.imageCodeEnd = base + segment.offset + segment.size;
    }
  guard.stubsStart = base + layout.stubsOffset;
  guard.stubsEnd = guard.stubsStart + layout.stubCount * tide::jit::kStubSize;
  if (!tide::runner::installCrashGuard(guard))
    std::fprintf(stderr, "tide-runner: warning: crash guard not installed\n");

  std::vector<char*> programArgv;
  programArgv.push_back(const_cast<char*>(options.programName.c_str()));
  for (const std::string& argument : options.programArguments)
    programArgv.push_back(const_cast<char*>(argument.c_str()));
  programArgv.push_back(nullptr);

  // Line-buffered stdout: what the program printed up to its last newline is
  // visible even if it crashes (the crash guard cannot flush stdio).
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  using MainFunction = int (*)(int, char**);
  const auto programMain = reinterpret_cast<MainFunction>(
      tide::jit::symbolRuntimeAddress(object, layout, base, mainSymbol, {}));
  const int status = programMain(static_cast<int>(programArgv.size() - 1), programArgv.data());
  std::exit(status & 0xff);
}
