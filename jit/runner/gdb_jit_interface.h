// Registration of in-memory objects with the GDB JIT interface, the
// protocol gdb and lldb both implement: the debugger breaks on
// __jit_debug_register_code and reads __jit_debug_descriptor's list.
#pragma once

#include <cstdint>
#include <vector>

namespace tide::runner {

// Registers `debugObject` (an ELF file whose section addresses are the
// runtime ones). The bytes must stay alive for the rest of the process; the
// registry takes ownership.
void registerWithDebugger(std::vector<std::uint8_t> debugObject);

}  // namespace tide::runner
