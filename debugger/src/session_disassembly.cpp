// Disassembly of the stopped program: a function of the program with its
// source lines (the selected frame's, or the one holding any address), or
// outside the program a window of instructions, decoded by the Target over
// the program's memory (relocated; LLDB hides its own int3s).
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "hex_text.h"
#include "session_engine.h"

namespace tide::debugger {

Result<std::vector<DisassemblyLine>> SessionEngine::disassemble() {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  const RawFrame raw = rawFrames().at(selectedFrame_);
  // A caller's pc is a return address: its call is the instruction before.
  const DebugFunction* function =
      symbolizer_->debugInfo().functionContaining(toImage(raw.pc) - (selectedFrame_ > 0 ? 1 : 0));
  if (!function) return {std::nullopt, "no function at " + hex(raw.pc)};
  return disassembleFunction(*function, raw.pc);
}

Result<std::vector<DisassemblyLine>> SessionEngine::disassembleAt(std::uint64_t address) {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  const std::uint64_t selectedPc = rawFrames().at(selectedFrame_).pc;
  if (isImageCode(address))
    if (const DebugFunction* function =
            symbolizer_->debugInfo().functionContaining(toImage(address)))
      return disassembleFunction(*function, selectedPc);
  // Outside the program (the runner, the C library): no symbols or lines,
  // so a window of instructions from the address.
  constexpr std::size_t kWindowBytes = 64, kWindowInstructions = 16;
  std::optional<std::vector<std::uint8_t>> bytes;
  for (std::size_t size = kWindowBytes; !bytes && size > 0; size /= 2)
    bytes = target_->readMemory(address, size);  // a shorter read near the end of a mapping
  if (!bytes) return {std::nullopt, "cannot read memory at " + hex(address)};
  std::vector<DisassemblyLine> lines;
  for (const DisassembledInstruction& instruction : target_->disassemble(*bytes, address)) {
    if (lines.size() == kWindowInstructions) break;
    DisassemblyLine line;
    line.address = instruction.address;
    line.text = instruction.text;
    line.current = instruction.address == selectedPc;
    lines.push_back(std::move(line));
  }
  return {std::move(lines), ""};
}

std::string SessionEngine::branchTargetName(const std::string& instruction) const {
  // LLDB prints a call or jump target as a bare address; inside the program
  // it gets the function's name, as gdb and objdump show it.
  const std::size_t at = instruction.rfind("0x");
  if (at == std::string::npos || (at > 0 && instruction[at - 1] != ' ')) return "";
  char* end = nullptr;
  const std::uint64_t target = std::strtoull(instruction.c_str() + at, &end, 16);
  if (*end != 0 || !isImageCode(target)) return "";
  const FrameInfo frame = describePc(target, false);
  if (frame.function.empty()) return "";
  return " <" + frame.function + (frame.offset ? "+" + hex(frame.offset) : "") + ">";
}

Result<std::vector<DisassemblyLine>> SessionEngine::disassembleFunction(
    const DebugFunction& function, std::uint64_t currentPc) {
  const std::uint64_t start = imageBase_ + function.lowPc;
  std::vector<DisassemblyLine> lines;
  // From the program's memory, where the runner has applied the relocations
  // (call targets); LLDB's reads hide the int3 of planted breakpoints.
  const auto code = target_->readMemory(start, function.highPc - function.lowPc);
  if (!code) return {std::nullopt, "cannot read the code of " + function.name};
  std::uint32_t lastLine = 0;
  std::string lastFile;
  for (const DisassembledInstruction& instruction : target_->disassemble(*code, start)) {
    const auto location = symbolizer_->sourceLocation(toImage(instruction.address));
    if (location && (location->line != lastLine || location->file != lastFile)) {
      DisassemblyLine source;
      source.isSource = true;
      source.line = location->line;
      source.location = location->file;
      source.text = sourceLine(location->file, location->line);
      lines.push_back(std::move(source));
      lastLine = location->line;
      lastFile = location->file;
    }
    DisassemblyLine line;
    line.address = instruction.address;
    line.text = instruction.text + branchTargetName(instruction.text);
    char offset[48];
    std::snprintf(offset, sizeof offset, "<%s+0x%" PRIx64 ">", function.name.c_str(),
                  instruction.address - start);
    line.location = offset;
    line.current = instruction.address == currentPc;
    lines.push_back(std::move(line));
  }
  return {std::move(lines), ""};
}

}  // namespace tide::debugger
