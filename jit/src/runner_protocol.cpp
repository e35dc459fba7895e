// Reader and (non-signal) encoders of the runner report stream. The crash
// message is encoded by the runner's signal handler itself, directly into a
// static buffer, using the same structs declared in runner_protocol.h.
#include "tide/jit/runner_protocol.h"

#include <cstring>

namespace tide::jit {
namespace {

std::vector<std::uint8_t> encode(protocol::MessageKind kind, const void* payload,
                                 std::size_t size) {
  protocol::MessageHeader header;
  header.kind = static_cast<std::uint32_t>(kind);
  header.payloadSize = static_cast<std::uint32_t>(size);
  std::vector<std::uint8_t> bytes(sizeof(header) + size);
  std::memcpy(bytes.data(), &header, sizeof(header));
  if (size != 0) std::memcpy(bytes.data() + sizeof(header), payload, size);
  return bytes;
}

// A fixed-size payload, which must be exactly that size.
template <typename Payload>
bool readFixed(std::span<const std::uint8_t> payload, Payload* out) {
  if (payload.size() != sizeof(Payload)) return false;
  std::memcpy(out, payload.data(), sizeof(Payload));
  return true;
}

bool parseCrash(std::span<const std::uint8_t> payload, CrashReport* out) {
  protocol::CrashPayload fixed;
  if (payload.size() < sizeof(fixed)) return false;
  std::memcpy(&fixed, payload.data(), sizeof(fixed));
  const std::uint64_t count = std::uint64_t{fixed.innerCount} + fixed.outerCount;
  if (fixed.innerCount > protocol::kMaxInnerFrames ||
      fixed.outerCount > protocol::kMaxOuterFrames || payload.size() != sizeof(fixed) + count * 8 ||
      fixed.totalFrames < count)
    return false;
  out->signal = fixed.signal;
  out->code = fixed.code;
  out->faultAddress = fixed.faultAddress;
  out->pc = fixed.pc;
  out->sp = fixed.sp;
  out->fp = fixed.fp;
  out->totalFrames = fixed.totalFrames;
  out->innerCount = fixed.innerCount;
  out->elidedFrames = fixed.totalFrames - count;
  out->frames.resize(count);
  if (count != 0) std::memcpy(out->frames.data(), payload.data() + sizeof(fixed), count * 8);
  return true;
}

}  // namespace

std::vector<std::uint8_t> encodeImageLoaded(std::uint64_t base, std::uint64_t size) {
  protocol::ImageLoadedPayload payload{base, size};
  return encode(protocol::MessageKind::ImageLoaded, &payload, sizeof(payload));
}

std::vector<std::uint8_t> encodeLoadFailed(const std::string& message) {
  return encode(protocol::MessageKind::LoadFailed, message.data(), message.size());
}

std::vector<std::uint8_t> encodeExited(int status) {
  protocol::ExitedPayload payload;
  payload.status = status & 0xff;
  return encode(protocol::MessageKind::Exited, &payload, sizeof(payload));
}

RunnerReport parseRunnerReport(std::span<const std::uint8_t> stream) {
  RunnerReport report;
  std::size_t at = 0;
  while (at < stream.size()) {
    protocol::MessageHeader header;
    if (stream.size() - at < sizeof(header)) {
      report.malformed = "truncated message header at offset " + std::to_string(at);
      break;
    }
    std::memcpy(&header, stream.data() + at, sizeof(header));
    if (header.magic != protocol::kMagic) {
      report.malformed = "bad message magic at offset " + std::to_string(at);
      break;
    }
    if (stream.size() - at - sizeof(header) < header.payloadSize) {
      report.malformed = "truncated message payload at offset " + std::to_string(at);
      break;
    }
    const std::span<const std::uint8_t> payload =
        stream.subspan(at + sizeof(header), header.payloadSize);
    const auto bad = [&](const char* kind) -> RunnerReport& {
      report.malformed = std::string("bad ") + kind + " payload at offset " + std::to_string(at);
      return report;
    };
    switch (static_cast<protocol::MessageKind>(header.kind)) {
      case protocol::MessageKind::ImageLoaded: {
        protocol::ImageLoadedPayload loaded;
        if (!readFixed(payload, &loaded)) return bad("ImageLoaded");
        report.imageBase = loaded.base;
        report.imageSize = loaded.size;
        break;
      }
      case protocol::MessageKind::LoadFailed:
        report.loadFailure = std::string(payload.begin(), payload.end());
        break;
      case protocol::MessageKind::Crash: {
        CrashReport crash;
        if (!parseCrash(payload, &crash)) return bad("Crash");
        report.crash = std::move(crash);
        break;
      }
      case protocol::MessageKind::Exited: {
        protocol::ExitedPayload exited;
        if (!readFixed(payload, &exited)) return bad("Exited");
        report.exitStatus = exited.status;
        break;
      }
      default:
        report.malformed = "unknown message kind " + std::to_string(header.kind) + " at offset " +
                           std::to_string(at);
        return report;
    }
    at += sizeof(header) + header.payloadSize;
  }
  return report;
}

}  // namespace tide::jit
