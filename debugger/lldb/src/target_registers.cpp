// Memory and registers of the stopped program. Registers are those of frame
// 0 of the stopped thread: read out of one `g` packet per stop, sent over
// LLDB's own connection to lldb-server, or by name through LLDB's register
// values where the packet does not serve (and for every write, which also
// keeps LLDB's view current). An access while the program runs fails rather
// than racing it.
#include <cstdio>
#include <string_view>

#include "target_impl.h"

namespace tide::debugger {

namespace {

bool stopped(LldbTarget::Impl& impl, const char* request) {
  if (impl.state == LldbTarget::State::Stopped) return true;
  impl.lastError = std::string(request) + ": the program is not stopped";
  return false;
}

// The response to one gdb-remote packet, through the command LLDB offers
// for it ("process plugin packet send"), which prints "response: TEXT" last
// (TEXT may span lines: target.xml does).
std::optional<std::string> sendPacket(LldbTarget::Impl& impl, const std::string& packet) {
  lldb::SBExecutionContext context(impl.process);
  lldb::SBCommandReturnObject result;
  const std::string command = "process plugin packet send " + packet;
  impl.debugger.GetCommandInterpreter().HandleCommand(command.c_str(), context, result, false);
  const char* output = result.GetOutput();
  if (!result.Succeeded() || !output) return std::nullopt;
  const std::string_view text(output);
  const std::size_t at = text.find("response: ");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view reply = text.substr(at + 10);
  if (!reply.empty() && reply.back() == '\n') reply.remove_suffix(1);
  return std::string(reply);
}

// target.xml in one piece: an "l" reply is the last part, "m" has more.
std::vector<RegisterSlot> fetchRegisterSlots(LldbTarget::Impl& impl) {
  std::string xml;
  for (int part = 0; part < 64; ++part) {
    char request[80];
    std::snprintf(request, sizeof request, "qXfer:features:read:target.xml:%zx,10000", xml.size());
    const std::optional<std::string> reply = sendPacket(impl, request);
    if (!reply || reply->empty() || ((*reply)[0] != 'l' && (*reply)[0] != 'm')) return {};
    xml.append(*reply, 1);
    if ((*reply)[0] == 'l') return registerSlotsFromTargetXml(xml);
  }
  return {};
}

std::optional<std::vector<std::uint8_t>> packetRegister(LldbTarget::Impl& impl,
                                                        const std::string& name) {
  if (!impl.registerSlots) impl.registerSlots = fetchRegisterSlots(impl);
  const RegisterSlot* slot = findRegisterSlot(*impl.registerSlots, name);
  if (!slot) return std::nullopt;
  if (!impl.registerPacket) {
    char request[48];
    std::snprintf(request, sizeof request, "g;thread:%llx;",
                  static_cast<unsigned long long>(stoppedThread(impl.process).GetThreadID()));
    impl.registerPacket = sendPacket(impl, request).value_or("");
  }
  return registerBytesFromPacket(*impl.registerPacket, *slot);
}

lldb::SBValue registerNamed(LldbTarget::Impl& impl, const std::string& name) {
  if (!impl.stopFrame) impl.stopFrame = stoppedThread(impl.process).GetFrameAtIndex(0);
  return impl.stopFrame->FindRegister(name.c_str());
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
  if (const auto bytes = packetRegister(*impl_, name)) {
    if (bytes->size() > 8) {
      impl_->lastError = "no 64-bit register named " + name;
      return std::nullopt;
    }
    std::uint64_t value = 0;
    for (std::size_t index = bytes->size(); index-- > 0;) value = value << 8 | (*bytes)[index];
    return value;
  }
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
  const bool written = target.SetValueFromCString(text, error);
  impl_->forgetStopRegisters();
  if (!written || error.Fail()) {
    impl_->lastError =
        "write register " + name + ": " + (error.GetCString() ? error.GetCString() : "refused");
    return false;
  }
  return true;
}

std::optional<std::vector<std::uint8_t>> LldbTarget::readRegisterBytes(const std::string& name) {
  if (!stopped(*impl_, "read register")) return std::nullopt;
  if (auto bytes = packetRegister(*impl_, name)) return bytes;
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
  impl_->forgetStopRegisters();
  if (error.Fail()) {
    impl_->lastError =
        "write register " + name + ": " + (error.GetCString() ? error.GetCString() : "");
    return false;
  }
  return true;
}

}  // namespace tide::debugger
