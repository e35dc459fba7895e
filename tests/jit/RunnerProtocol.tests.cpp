// The report stream: messages round-trip, and damage is reported while the
// messages before it are kept.
#include <catch2/catch.hpp>
#include <cstring>

#include "tide/jit/runner_protocol.h"

using namespace tide::jit;

namespace {

std::vector<std::uint8_t> crashMessage(std::uint32_t inner, std::uint32_t outer,
                                       std::uint64_t total) {
  protocol::CrashPayload payload;
  payload.signal = 11;
  payload.pc = 0x1000;
  payload.totalFrames = total;
  payload.innerCount = inner;
  payload.outerCount = outer;
  protocol::MessageHeader header;
  header.kind = static_cast<std::uint32_t>(protocol::MessageKind::Crash);
  header.payloadSize = static_cast<std::uint32_t>(sizeof(payload) + 8 * (inner + outer));
  std::vector<std::uint8_t> bytes(sizeof(header) + header.payloadSize);
  std::memcpy(bytes.data(), &header, sizeof(header));
  std::memcpy(bytes.data() + sizeof(header), &payload, sizeof(payload));
  for (std::uint64_t i = 0; i < inner + outer; ++i) {
    const std::uint64_t address = 0x1000 + i;
    std::memcpy(bytes.data() + sizeof(header) + sizeof(payload) + 8 * i, &address, 8);
  }
  return bytes;
}

}  // namespace

TEST_CASE("Image and crash messages round-trip through the report parser") {
  std::vector<std::uint8_t> stream = encodeImageLoaded(0x7f0000000000, 0x3000);
  const std::vector<std::uint8_t> crash = crashMessage(3, 2, 100);
  stream.insert(stream.end(), crash.begin(), crash.end());
  const RunnerReport report = parseRunnerReport(stream);
  CHECK(report.malformed.empty());
  REQUIRE(report.imageBase);
  CHECK(*report.imageBase == 0x7f0000000000);
  CHECK(report.imageSize == 0x3000);
  REQUIRE(report.crash);
  CHECK(report.crash->signal == 11);
  CHECK(report.crash->frames == std::vector<std::uint64_t>{0x1000, 0x1001, 0x1002, 0x1003, 0x1004});
  CHECK(report.crash->innerCount == 3);
  CHECK(report.crash->elidedFrames == 95);
}

TEST_CASE("A load failure message carries the loader's text") {
  const RunnerReport report = parseRunnerReport(encodeLoadFailed("undefined symbols: 'x'"));
  REQUIRE(report.loadFailure);
  CHECK(*report.loadFailure == "undefined symbols: 'x'");
}

TEST_CASE("An exit message carries the status as a shell sees it") {
  std::vector<std::uint8_t> stream = encodeImageLoaded(0x5000, 0x1000);
  const std::vector<std::uint8_t> exited = encodeExited(300);
  stream.insert(stream.end(), exited.begin(), exited.end());
  const RunnerReport report = parseRunnerReport(stream);
  CHECK(report.malformed.empty());
  REQUIRE(report.exitStatus);
  CHECK(*report.exitStatus == 300 % 256);
  CHECK(!parseRunnerReport(encodeImageLoaded(0x5000, 0x1000)).exitStatus);
}

TEST_CASE("A cut-off or corrupt stream keeps earlier messages and says where it broke") {
  std::vector<std::uint8_t> stream = encodeImageLoaded(0x5000, 0x1000);
  const std::vector<std::uint8_t> crash = crashMessage(4, 0, 4);
  stream.insert(stream.end(), crash.begin(), crash.end() - 3);
  const RunnerReport cut = parseRunnerReport(stream);
  CHECK(cut.imageBase == std::optional<std::uint64_t>(0x5000));
  CHECK(!cut.crash);
  CHECK(cut.malformed.find("offset 32") != std::string::npos);

  std::vector<std::uint8_t> inconsistent = crashMessage(4, 0, 2);  // total < frames sent
  CHECK(!parseRunnerReport(inconsistent).crash);
  std::vector<std::uint8_t> badMagic = encodeImageLoaded(1, 2);
  badMagic[0] ^= 0xff;
  CHECK(parseRunnerReport(badMagic).malformed.find("magic") != std::string::npos);
}
