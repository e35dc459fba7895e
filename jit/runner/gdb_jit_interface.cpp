// The GDB JIT interface (gdb manual, "JIT Compilation Interface"): the
// names, layout and version 1 are fixed by the debuggers, hence the C
// linkage and the reserved-looking identifiers.
#include "gdb_jit_interface.h"

#include <cstdint>
#include <list>

extern "C" {

enum JitActions : std::uint32_t { JIT_NOACTION = 0, JIT_REGISTER_FN = 1, JIT_UNREGISTER_FN = 2 };

struct jit_code_entry {
  jit_code_entry* next_entry;
  jit_code_entry* prev_entry;
  const char* symfile_addr;
  std::uint64_t symfile_size;
};

struct jit_descriptor {
  std::uint32_t version;
  std::uint32_t action_flag;
  jit_code_entry* relevant_entry;
  jit_code_entry* first_entry;
};

// The debugger sets a breakpoint here; it must exist as a real call.
__attribute__((noinline, used)) void __jit_debug_register_code() { asm volatile("" ::: "memory"); }

__attribute__((used)) jit_descriptor __jit_debug_descriptor = {1, JIT_NOACTION, nullptr, nullptr};
}

namespace tide::runner {
namespace {

struct Registration {
  std::vector<std::uint8_t> bytes;
  jit_code_entry entry{};
};

// A list keeps each registration (and its entry) at a stable address.
std::list<Registration>& registrations() {
  static std::list<Registration> all;
  return all;
}

}  // namespace

void registerWithDebugger(std::vector<std::uint8_t> debugObject) {
  Registration& added = registrations().emplace_back();
  added.bytes = std::move(debugObject);
  added.entry.symfile_addr = reinterpret_cast<const char*>(added.bytes.data());
  added.entry.symfile_size = added.bytes.size();
  added.entry.prev_entry = nullptr;
  added.entry.next_entry = __jit_debug_descriptor.first_entry;
  if (added.entry.next_entry != nullptr) added.entry.next_entry->prev_entry = &added.entry;
  __jit_debug_descriptor.first_entry = &added.entry;
  __jit_debug_descriptor.relevant_entry = &added.entry;
  __jit_debug_descriptor.action_flag = JIT_REGISTER_FN;
  __jit_debug_register_code();
  __jit_debug_descriptor.action_flag = JIT_NOACTION;
}

}  // namespace tide::runner
