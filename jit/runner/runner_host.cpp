// hostImage (see runner_host.h): the loading sequence of docs/runner.md.
#include "tide/jit/runner_host.h"

#include <dlfcn.h>
#include <elf.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "crash_guard.h"
#include "gdb_jit_interface.h"
#include "image_mapping.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_builder.h"
#include "tide/jit/image_layout.h"
#include "tide/jit/runner_protocol.h"

// A debugger sets a breakpoint here to learn the image base before main runs.
extern "C" __attribute__((noinline, used, visibility("default"))) void tide_runner_image_loaded(
    std::uint64_t base) {
  asm volatile("" : : "r"(base) : "memory");
}

namespace tide::jit {
namespace {

constexpr int kLoadFailureStatus = 125;

void writeAll(int fd, const std::vector<std::uint8_t>& bytes) {
  std::size_t done = 0;
  while (fd >= 0 && done < bytes.size()) {
    const ssize_t written = write(fd, bytes.data() + done, bytes.size() - done);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    done += static_cast<std::size_t>(written);
  }
}

[[noreturn]] void failLoad(int reportFd, const std::string& message) {
  std::fprintf(stderr, "tide-runner: %s\n", message.c_str());
  writeAll(reportFd, encodeLoadFailed(message));
  std::exit(kLoadFailureStatus);
}

std::vector<std::uint8_t> readObject(int fd, int reportFd) {
  if (lseek(fd, 0, SEEK_SET) < 0 && errno != ESPIPE)
    failLoad(reportFd, "cannot rewind the object fd: " + std::string(std::strerror(errno)));
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[65536];
  for (;;) {
    const ssize_t got = read(fd, chunk, sizeof(chunk));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) failLoad(reportFd, "cannot read the object: " + std::string(std::strerror(errno)));
    if (got == 0) break;
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  close(fd);
  return bytes;
}

// Runs after the program's own exit handlers (they were registered later)
// and before this process's static destructors: the program is done and its
// output written, so the parent may stop waiting here.
int gExitReportFd = -1;
void reportExit(int status, void*) {
  std::fflush(nullptr);
  writeAll(gExitReportFd, encodeExited(status));
}

std::uint64_t resolveExternal(const std::string& name) {
  return reinterpret_cast<std::uint64_t>(dlsym(RTLD_DEFAULT, name.c_str()));
}

}  // namespace

void hostImage(int objectFd, int reportFd, const char* programName,
               const std::vector<std::string>& arguments) {
  // libm is linked without --as-needed; dlopen it too so sqrt & co. resolve
  // even if a toolchain drops the unreferenced dependency.
  dlopen("libm.so.6", RTLD_NOW | RTLD_GLOBAL);

  const std::vector<std::uint8_t> file = readObject(objectFd, reportFd);
  ElfParseResult parsed = parseElfObject(file);
  if (!parsed.object) failLoad(reportFd, parsed.error);
  const ElfObject& object = *parsed.object;
  LayoutResult laidOut = layoutImage(object);
  if (!laidOut.layout) failLoad(reportFd, laidOut.error);
  const ImageLayout& layout = *laidOut.layout;

  const std::uint32_t mainSymbol = object.findSymbol("main");
  if (mainSymbol == 0 || object.symbols[mainSymbol].type != STT_FUNC)
    failLoad(reportFd, "the object defines no function 'main'");

  std::string error;
  // Map next to the lowest extern that must be PC32-reachable (e.g. `stdout`,
  // which lives in the host executable's .bss via a copy relocation), or
  // else next to the C library.
  std::uint64_t nearAddress = 0;
  for (std::uint32_t symbol : externsNeedingProximity(object, layout)) {
    const std::uint64_t address = resolveExternal(object.symbols[symbol].name);
    if (address != 0 && (nearAddress == 0 || address < nearAddress)) nearAddress = address;
  }
  if (nearAddress == 0) nearAddress = resolveExternal("puts");
  std::uint8_t* image = runner::mapWritableImage(layout, nearAddress, &error);
  if (image == nullptr) failLoad(reportFd, error);
  const std::uint64_t base = reinterpret_cast<std::uint64_t>(image);
  error = buildImage(file, object, layout, base, {image, layout.size}, resolveExternal);
  if (!error.empty()) failLoad(reportFd, error);
  error = runner::protectImage(image, layout);
  if (!error.empty()) failLoad(reportFd, error);

  runner::registerWithDebugger(makeDebugObject(file, object, layout, base));
  writeAll(reportFd, encodeImageLoaded(base, layout.size));
  tide_runner_image_loaded(base);

  runner::CrashGuardConfig guard;
  guard.reportFd = reportFd;
  for (const ImageSegment& segment : layout.segments)
    if (segment.permissions == Permissions::ReadExecute) {
      guard.imageCodeStart = base + segment.offset;
      guard.imageCodeEnd = base + segment.offset + segment.size;
    }
  guard.stubsStart = base + layout.stubsOffset;
  guard.stubsEnd = guard.stubsStart + layout.stubCount * kStubSize;
  if (!runner::installCrashGuard(guard))
    std::fprintf(stderr, "tide-runner: warning: crash guard not installed\n");

  std::vector<char*> programArgv;
  programArgv.push_back(const_cast<char*>(programName));
  for (const std::string& argument : arguments)
    programArgv.push_back(const_cast<char*>(argument.c_str()));
  programArgv.push_back(nullptr);

  // Line-buffered stdout: what the program printed up to its last newline is
  // visible even if it crashes (the crash guard cannot flush stdio).
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (reportFd >= 0) {
    gExitReportFd = reportFd;
    on_exit(reportExit, nullptr);
  }
  using MainFunction = int (*)(int, char**);
  const auto programMain =
      reinterpret_cast<MainFunction>(symbolRuntimeAddress(object, layout, base, mainSymbol, {}));
  const int status = programMain(static_cast<int>(programArgv.size() - 1), programArgv.data());
  std::exit(status & 0xff);
}

}  // namespace tide::jit
