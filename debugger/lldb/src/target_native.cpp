// What LLDB itself knows of the stopped program: its disassembler over
// bytes we give it, and its own backtrace, which the cross-check compares
// with the DebugSession's frame-pointer unwinder. Also the factory.
#include <lldb/API/LLDB.h>

#include "target_impl.h"
#include "tide/debugger/lldb_target_factory.h"

namespace tide::debugger {

std::unique_ptr<Target> makeLldbTarget() { return std::make_unique<LldbTarget>(); }

std::vector<DisassembledInstruction> LldbTarget::disassemble(std::span<const std::uint8_t> bytes,
                                                             std::uint64_t address) {
  std::vector<DisassembledInstruction> result;
  lldb::SBTarget& target = impl_->target;
  if (!target.IsValid() || bytes.empty()) return result;
  lldb::SBAddress base(address, target);
  lldb::SBInstructionList list =
      target.GetInstructionsWithFlavor(base, "intel", bytes.data(), bytes.size());
  std::uint64_t at = address;
  for (std::uint32_t i = 0; i < list.GetSize(); ++i) {
    lldb::SBInstruction instruction = list.GetInstructionAtIndex(i);
    DisassembledInstruction decoded;
    decoded.address = at;
    decoded.size = static_cast<std::uint32_t>(instruction.GetByteSize());
    decoded.text = instruction.GetMnemonic(target);
    const char* operands = instruction.GetOperands(target);
    if (operands && *operands) decoded.text += std::string(" ") + operands;
    if (decoded.size == 0) break;
    at += decoded.size;
    result.push_back(std::move(decoded));
  }
  return result;
}

std::vector<NativeFrame> LldbTarget::nativeBacktrace() {
  std::vector<NativeFrame> frames;
  if (impl_->state != State::Stopped) return frames;
  lldb::SBThread thread = stoppedThread(impl_->process);
  if (!thread.IsValid()) thread = impl_->process.GetSelectedThread();
  for (std::uint32_t index = 0; index < thread.GetNumFrames(); ++index) {
    lldb::SBFrame frame = thread.GetFrameAtIndex(index);
    NativeFrame native;
    native.pc = frame.GetPC();
    const char* name = frame.GetFunctionName();
    if (name) native.function = name;
    lldb::SBLineEntry entry = frame.GetLineEntry();
    if (entry.IsValid()) {
      lldb::SBFileSpec file = entry.GetFileSpec();
      char path[4096];
      if (file.IsValid() && file.GetPath(path, sizeof path) > 0) native.file = path;
      native.line = entry.GetLine();
    }
    frames.push_back(std::move(native));
  }
  return frames;
}

}  // namespace tide::debugger
