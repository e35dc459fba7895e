// An independent x86-64 disassembler (LLDB's, through the SB API) for tests
// of the encoder and for the debugger's disassembly pane. Plain strings out:
// no LLDB type crosses this header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tide::debugger {

// Disassembles `bytes` as if loaded at `address`, Intel syntax, one string
// per instruction: the mnemonic, then (after spaces) the operands, exactly as
// LLDB prints them, e.g. "mov    rax, qword ptr [rbp - 0x8]". Trailing
// comments LLDB adds ("; ...") are dropped. Empty on failure.
std::vector<std::string> disassembleX86_64(const std::vector<std::uint8_t>& bytes,
                                           std::uint64_t address);

// One instruction's text with runs of spaces collapsed to one, so tests
// compare "mov rax, rbx" rather than LLDB's column padding.
std::string normalizeInstructionText(const std::string& text);

}  // namespace tide::debugger
