// LLDB-based disassembly. One SBDebugger and a dummy x86_64 target are made
// once and kept: creating a debugger per call costs milliseconds, and tests
// disassemble thousands of instructions. SBTarget::GetInstructions decodes a
// buffer without any process or file behind it.
#include "tide/debugger/disassembler.h"

#include <lldb/API/LLDB.h>

#include <mutex>

namespace tide::debugger {

namespace {

struct DisassemblerState {
  lldb::SBDebugger debugger;
  lldb::SBTarget target;
  std::mutex mutex;  // SB objects are not safe to share across threads unguarded
};

DisassemblerState& disassemblerState() {
  static DisassemblerState* state = [] {
    lldb::SBDebugger::Initialize();
    auto* created = new DisassemblerState;
    created->debugger = lldb::SBDebugger::Create(false);
    lldb::SBError error;
    created->target = created->debugger.CreateTarget("", "x86_64", nullptr, false, error);
    return created;
  }();
  return *state;
}

}  // namespace

std::string normalizeInstructionText(const std::string& text) {
  std::string result;
  bool lastWasSpace = false;
  for (char c : text) {
    const bool isSpace = c == ' ' || c == '\t';
    if (isSpace && (lastWasSpace || result.empty())) continue;
    result += isSpace ? ' ' : c;
    lastWasSpace = isSpace;
  }
  while (!result.empty() && result.back() == ' ') result.pop_back();
  return result;
}

std::vector<std::string> disassembleX86_64(const std::vector<std::uint8_t>& bytes,
                                           std::uint64_t address) {
  std::vector<std::string> lines;
  DisassemblerState& state = disassemblerState();
  std::lock_guard<std::mutex> lock(state.mutex);
  if (!state.target.IsValid() || bytes.empty()) return lines;
  lldb::SBAddress base(address, state.target);
  lldb::SBInstructionList list =
      state.target.GetInstructionsWithFlavor(base, "intel", bytes.data(), bytes.size());
  for (std::uint32_t i = 0; i < list.GetSize(); ++i) {
    lldb::SBInstruction instruction = list.GetInstructionAtIndex(i);
    std::string text = instruction.GetMnemonic(state.target);
    const char* operands = instruction.GetOperands(state.target);
    if (operands && *operands) {
      text += "    ";
      text += operands;
    }
    lines.push_back(text);
  }
  return lines;
}

}  // namespace tide::debugger
