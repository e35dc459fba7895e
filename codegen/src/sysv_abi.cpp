// Classification follows psABI 3.2.3: an aggregate larger than 16 bytes is
// MEMORY; otherwise every scalar field classifies the eightbyte it lies in,
// INTEGER winning over SSE. Toy has no long double, no __m128 and no
// unaligned fields, so the remaining rules never apply.
#include "sysv_abi.h"

namespace tide::codegen {

namespace {

void classifyInto(const ir::TypeTable& types, ir::TypeId id, std::uint64_t offset,
                  EightbyteClass (&eightbytes)[2]) {
  const ir::Type& type = types.get(id);
  if (type.kind == ir::TypeKind::Struct) {
    for (const ir::StructField& field : type.fields)
      classifyInto(types, field.type, offset + field.offset, eightbytes);
    return;
  }
  if (type.kind == ir::TypeKind::Array) {
    const std::uint64_t elementSize = types.get(type.element).size;
    for (std::uint64_t i = 0; i < type.count && elementSize > 0; ++i)
      classifyInto(types, type.element, offset + i * elementSize, eightbytes);
    return;
  }
  if (type.size == 0) return;
  const std::uint64_t index = offset / 8;
  if (index > 1) return;
  const EightbyteClass mine =
      type.kind == ir::TypeKind::F64 ? EightbyteClass::Sse : EightbyteClass::Integer;
  EightbyteClass& slot = eightbytes[index];
  if (slot == EightbyteClass::NoClass || mine == EightbyteClass::Integer) slot = mine;
}

}  // namespace

Classification classifyType(const ir::TypeTable& types, ir::TypeId id) {
  Classification result;
  if (id == ir::kNoType || id >= types.count()) return result;
  const ir::Type& type = types.get(id);
  result.size = type.size;
  if (type.kind == ir::TypeKind::Void || type.size == 0) return result;
  if (type.size > 16) {
    result.memory = true;
    return result;
  }
  result.eightbyteCount = static_cast<int>((type.size + 7) / 8);
  classifyInto(types, id, 0, result.eightbytes);
  // An eightbyte with no scalar in it (only padding or size-0 fields) still
  // occupies a register here; SSE, as gcc and clang do for such eightbytes.
  for (int i = 0; i < result.eightbyteCount; ++i)
    if (result.eightbytes[i] == EightbyteClass::NoClass) result.eightbytes[i] = EightbyteClass::Sse;
  return result;
}

CallPlan planCall(const ir::TypeTable& types, const std::vector<ir::TypeId>& argumentTypes,
                  ir::TypeId resultType) {
  CallPlan plan;
  planCall(types, argumentTypes, resultType, plan);
  return plan;
}

void planCall(const ir::TypeTable& types, const std::vector<ir::TypeId>& argumentTypes,
              ir::TypeId resultType, CallPlan& plan) {
  plan.arguments.clear();
  plan.arguments.reserve(argumentTypes.size());
  plan.result = classifyType(types, resultType);
  plan.resultInMemory = plan.result.memory;
  int nextInteger = plan.resultInMemory ? 1 : 0;
  int nextSse = 0;
  std::uint64_t stack = 0;
  for (ir::TypeId type : argumentTypes) {
    ArgumentPlacement placement;
    placement.classification = classifyType(types, type);
    const Classification& c = placement.classification;
    int needInteger = 0, needSse = 0;
    for (int i = 0; i < c.eightbyteCount; ++i)
      (c.eightbytes[i] == EightbyteClass::Sse ? needSse : needInteger)++;
    const bool fits = !c.memory && nextInteger + needInteger <= kIntegerArgumentRegisters &&
                      nextSse + needSse <= kSseArgumentRegisters;
    if (fits) {
      for (int i = 0; i < c.eightbyteCount; ++i)
        placement.registerIndex[i] =
            c.eightbytes[i] == EightbyteClass::Sse ? nextSse++ : nextInteger++;
    } else if (c.size > 0) {
      placement.onStack = true;
      placement.stackOffset = stack;
      stack += (c.size + 7) / 8 * 8;
    }
    plan.arguments.push_back(placement);
  }
  plan.stackBytes = (stack + 15) / 16 * 16;
  plan.sseRegistersUsed = nextSse;
}

}  // namespace tide::codegen
