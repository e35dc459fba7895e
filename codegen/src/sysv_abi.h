// System V x86-64 parameter passing (psABI 3.2.3): classification of a type
// into eightbytes (INTEGER / SSE / MEMORY) and the assignment of a whole
// call's arguments to registers and stack. Caller and callee use the same
// plan, so the two sides agree by construction.
#pragma once

#include <cstdint>
#include <vector>

#include "tide/core/ir.h"

namespace tide::codegen {

enum class EightbyteClass : std::uint8_t { NoClass, Integer, Sse };

struct Classification {
  bool memory = false;     // passed/returned in memory
  int eightbyteCount = 0;  // 0 for a size-0 aggregate (passed as nothing)
  EightbyteClass eightbytes[2] = {EightbyteClass::NoClass, EightbyteClass::NoClass};
  std::uint64_t size = 0;
};

Classification classifyType(const ir::TypeTable& types, ir::TypeId type);

inline constexpr int kIntegerArgumentRegisters = 6;  // rdi rsi rdx rcx r8 r9
inline constexpr int kSseArgumentRegisters = 8;      // xmm0-xmm7

struct ArgumentPlacement {
  bool onStack = false;
  std::uint64_t stackOffset = 0;  // from the first stack argument
  // In registers: per eightbyte, the register number within its class.
  int registerIndex[2] = {-1, -1};
  Classification classification;
};

struct CallPlan {
  bool resultInMemory = false;  // sret: hidden pointer in rdi, returned in rax
  Classification result;
  std::vector<ArgumentPlacement> arguments;
  std::uint64_t stackBytes = 0;  // multiple of 16
  int sseRegistersUsed = 0;      // al for variadic calls
};

CallPlan planCall(const ir::TypeTable& types, const std::vector<ir::TypeId>& argumentTypes,
                  ir::TypeId resultType);
// The same into `plan`, whose argument list keeps its capacity: the code
// generator plans every call twice (frame size, then the call itself) and
// a fresh list each time was two allocations per call.
void planCall(const ir::TypeTable& types, const std::vector<ir::TypeId>& argumentTypes,
              ir::TypeId resultType, CallPlan& plan);

}  // namespace tide::codegen
