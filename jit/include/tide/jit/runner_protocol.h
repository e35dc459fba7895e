// The report channel from tide-runner to its parent: a stream of binary
// messages on an inherited fd, little-endian, each a fixed 16-byte header
// followed by `payloadSize` bytes. The runner writes the crash message from
// a signal handler, so every payload is a flat POD built without allocation;
// the parent parses the whole stream after the runner exits (or, see
// RunOptions::returnAtExitReport, once the Exited message is in).
//
//   ImageLoaded: ImageLoadedPayload
//   LoadFailed:  UTF-8 text (the loader's error)
//   Crash:       CrashPayload, then (innerCount + outerCount) uint64 runtime
//                addresses, innermost first. Frame 0 is the faulting pc; the
//                others are return addresses. When the chain had more than
//                innerCount + outerCount frames, the innermost innerCount and
//                the outermost outerCount are kept and
//                totalFrames - innerCount - outerCount were elided between.
//   Exited:      ExitedPayload, sent from an on_exit handler once the
//                program's own exit handlers have run and its stdio is
//                flushed, before the process tears itself down.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tide::jit::protocol {

inline constexpr std::uint32_t kMagic = 0x52444954;  // "TIDR" in file order
inline constexpr std::uint32_t kMaxInnerFrames = 256;
inline constexpr std::uint32_t kMaxOuterFrames = 64;

enum class MessageKind : std::uint32_t { ImageLoaded = 1, LoadFailed = 2, Crash = 3, Exited = 4 };

struct MessageHeader {
  std::uint32_t magic = kMagic;
  std::uint32_t kind = 0;
  std::uint32_t payloadSize = 0;
  std::uint32_t reserved = 0;
};
static_assert(sizeof(MessageHeader) == 16);

struct ImageLoadedPayload {
  std::uint64_t base = 0;  // runtime address of image offset 0 (.text)
  std::uint64_t size = 0;  // layout.size
};
static_assert(sizeof(ImageLoadedPayload) == 16);

struct ExitedPayload {
  std::int32_t status = 0;  // the exit status, & 0xff as a shell sees it
  std::uint32_t reserved = 0;
};
static_assert(sizeof(ExitedPayload) == 8);

struct CrashPayload {
  std::int32_t signal = 0;
  std::int32_t code = 0;           // siginfo si_code
  std::uint64_t faultAddress = 0;  // siginfo si_addr
  std::uint64_t pc = 0;            // rip at the fault
  std::uint64_t sp = 0;            // rsp at the fault
  std::uint64_t fp = 0;            // rbp at the fault
  std::uint64_t totalFrames = 0;   // frames walked, including frame 0
  std::uint32_t innerCount = 0;
  std::uint32_t outerCount = 0;
};
static_assert(sizeof(CrashPayload) == 56);

}  // namespace tide::jit::protocol

namespace tide::jit {

struct CrashReport {
  int signal = 0;
  int code = 0;
  std::uint64_t faultAddress = 0;
  std::uint64_t pc = 0;
  std::uint64_t sp = 0;
  std::uint64_t fp = 0;
  std::uint64_t totalFrames = 0;
  std::vector<std::uint64_t> frames;  // runtime addresses, innermost first (inner then outer)
  std::size_t innerCount = 0;         // frames[innerCount] is the first outer frame
  std::uint64_t elidedFrames = 0;     // frames dropped between inner and outer
};

struct RunnerReport {
  std::optional<std::uint64_t> imageBase;
  std::uint64_t imageSize = 0;
  std::optional<std::string> loadFailure;
  std::optional<CrashReport> crash;
  std::optional<int> exitStatus;  // the Exited message's status
  std::string malformed;          // non-empty when the stream was cut short or corrupt
};

// Parses a whole report stream; keeps every well-formed message before any damage.
RunnerReport parseRunnerReport(std::span<const std::uint8_t> stream);

// Encoders used by the runner outside signal context (and by tests).
std::vector<std::uint8_t> encodeImageLoaded(std::uint64_t base, std::uint64_t size);
std::vector<std::uint8_t> encodeLoadFailed(const std::string& message);
std::vector<std::uint8_t> encodeExited(int status);

}  // namespace tide::jit
