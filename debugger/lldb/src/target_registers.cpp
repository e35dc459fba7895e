// Memory and registers of the stopped program. Registers are those of frame
// 0 of the stopped thread, found by name across LLDB's register sets; an
// access while the program runs fails rather than racing it.
#include <cstdio>

#include "target_impl.h"

namespace tide::debugger {

namespace {

bool stopped(LldbTarget::Impl& impl, const char* request) {
  if (impl.state == LldbTarget::State::Stopped) return true;
  impl.lastError = std::string(request) + ": the program is not stopped";
  return false;
}

lldb::SBValue registerNamed(LldbTarget::Impl& impl, const std::string& name) {
  lldb::SBThread thread = stoppedThread(impl.process);
  return thread.GetFrameAtIndex(0).FindRegister(name.c_str());
}

}  // namespace

std::optional<std::vector<std::uint8_t>> LldbTarget::readMemory(std::uint64_t address,
                                                                std::size_t size) {
  if (!stopped(*impl_, "read memory")) return std::nullopt;
  std::vector<std::uint8_t> bytes(size);
  lldb::SBError error;
  const std::size_t read =
      size == 0 ? 0 : impl_->process.ReadMemory(address, bytes.data(), size, error);
  if (read != size) {
    impl_->lastError =
        "read memory: " + std::string(error.GetCString() ? error.GetCString() : "short read");
    return std::nullopt;
  }
  return bytes;
}

bool LldbTarget::writeMemory(std::uint64_t address, std::span<const std::uint8_t> bytes) {
  if (!stopped(*impl_, "write memory")) return false;
  lldb::SBError error;
  const std::size_t written =
      bytes.empty() ? 0 : impl_->process.WriteMemory(address, bytes.data(), bytes.size(), error);
  if (written != bytes.size()) {
    impl_->lastError =
        "write memory: " + std::string(error.GetCString() ? error.GetCString() : "short write");
    return false;
  }
  return true;
}

std::vector<RegisterDescription> LldbTarget::registers() {
  std::vector<RegisterDescription> result;
  if (!stopped(*impl_, "registers")) return result;
  lldb::SBValueList sets = stoppedThread(impl_->process).GetFrameAtIndex(0).GetRegisters();
  for (std::uint32_t setIndex = 0; setIndex < sets.GetSize(); ++setIndex) {
    lldb::SBValue set = sets.GetValueAtIndex(setIndex);
    const std::string setName = set.GetName() ? set.GetName() : "";
    for (std::uint32_t index = 0; index < set.GetNumChildren(); ++index) {
      lldb::SBValue value = set.GetChildAtIndex(index);
      if (!value.IsValid() || !value.GetName()) continue;
      result.push_back({value.GetName(), setName, static_cast<std::uint32_t>(value.GetByteSize())});
    }
  }
  return result;
}

std::optional<std::uint64_t> LldbTarget::readRegister(const std::string& name) {
  if (!stopped(*impl_, "read register")) return std::nullopt;
  lldb::SBValue value = registerNamed(*impl_, name);
  if (!value.IsValid() || value.GetByteSize() > 8) {
    impl_->lastError = "no 64-bit register named " + name;
    return std::nullopt;
  }
  lldb::SBError error;
  const std::uint64_t result = value.GetValueAsUnsigned(error, 0);
  if (error.Fail()) {
    impl_->lastError =
        "read register " + name + ": " + (error.GetCString() ? error.GetCString() : "");
    return std::nullopt;
  }
  return result;
}

bool LldbTarget::writeRegister(const std::string& name, std::uint64_t value) {
  if (!stopped(*impl_, "write register")) return false;
  lldb::SBValue target = registerNamed(*impl_, name);
  if (!target.IsValid() || target.GetByteSize() > 8) {
    impl_->lastError = "no 64-bit register named " + name;
    return false;
  }
  char text[32];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
  lldb::SBError error;
  if (!target.SetValueFromCString(text, error) || error.Fail()) {
    impl_->lastError =
        "write register " + name + ": " + (error.GetCString() ? error.GetCString() : "refused");
    return false;
  }
  return true;
}

std::optional<std::vector<std::uint8_t>> LldbTarget::readRegisterBytes(const std::string& name) {
  if (!stopped(*impl_, "read register")) return std::nullopt;
  lldb::SBValue value = registerNamed(*impl_, name);
  if (!value.IsValid()) {
    impl_->lastError = "no register named " + name;
    return std::nullopt;
  }
  lldb::SBData data = value.GetData();
  std::vector<std::uint8_t> bytes(data.GetByteSize());
  lldb::SBError error;
  if (data.ReadRawData(error, 0, bytes.data(), bytes.size()) != bytes.size() || error.Fail()) {
    impl_->lastError =
        "read register " + name + ": " + (error.GetCString() ? error.GetCString() : "");
    return std::nullopt;
  }
  return bytes;
}

bool LldbTarget::writeRegisterBytes(const std::string& name, std::span<const std::uint8_t> bytes) {
  if (!stopped(*impl_, "write register")) return false;
  lldb::SBValue target = registerNamed(*impl_, name);
  if (!target.IsValid() || target.GetByteSize() != bytes.size()) {
    impl_->lastError =
        "no register named " + name + " of " + std::to_string(bytes.size()) + " bytes";
    return false;
  }
  // SBValue::SetData reports success on a vector register and writes
  // nothing (LLDB 19); the text "{0x.. 0x..}" goes through the register's
  // own parser, as `register write xmm0 {...}` does.
  std::string text = "{";
  for (const std::uint8_t byte : bytes) {
    char hexByte[8];
    std::snprintf(hexByte, sizeof hexByte, "%s0x%02x", text.size() > 1 ? " " : "", byte);
    text += hexByte;
  }
  text += "}";
  lldb::SBError error;
  if (!target.SetValueFromCString(text.c_str(), error) && error.Success())
    error.SetErrorString("refused");
  if (error.Fail()) {
    impl_->lastError =
        "write register " + name + ": " + (error.GetCString() ? error.GetCString() : "");
    return false;
  }
  return true;
}

}  // namespace tide::debugger
