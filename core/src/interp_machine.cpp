// Loading and calling: the static image (globals with relocations, string
// literals in read-only pages), frame layout and the frame stack, and the
// boundary to C in both directions (calls out through libffi, closures in).
#include "interp_machine.h"

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <cstring>

#include "interp_fault.h"
#include "interp_scalar.h"

namespace tide::core::interp {

namespace {

constexpr uint64_t kFrameRecordBytes = 16;  // return address + saved rbp, as natively
constexpr size_t kGuestStackCapacity = size_t{512} << 20;
const ir::Instr kMissingCode{};  // Unreachable: an empty function traps

uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return alignment <= 1 ? value : (value + alignment - 1) / alignment * alignment;
}

uint64_t defaultStackBudget() {
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return std::max<uint64_t>(limit.rlim_cur, 64 * 1024);
  return uint64_t{8} << 20;
}

FunctionLayout layoutOf(const ir::TypeTable& types, const ir::Function& function) {
  FunctionLayout layout;
  uint64_t offset = 0;
  for (const ir::Slot& slot : function.slots) {
    const ir::Type& type = types.get(slot.type);
    offset = alignUp(offset, std::max<uint32_t>(type.align, 1));
    layout.slotOffsets.push_back(offset);
    offset += std::max<uint64_t>(type.size, 1);  // distinct addresses for empty slots
  }
  layout.slotBytes = alignUp(offset, 16);
  layout.accountedBytes = layout.slotBytes + kFrameRecordBytes;
  return layout;
}

void closureEntry(ffi_cif*, void* result, void** arguments, void* userData) {
  auto* target = static_cast<ClosureTarget*>(userData);
  target->machine->callFromC(target->function, result, arguments);
}

}  // namespace

Machine::Machine(const ir::Module& module, const InterpretOptions& options)
    : module_(module),
      types_(module.types),
      options_(options),
      stackBudget_(options.stackBytes != 0 ? options.stackBytes : defaultStackBudget()),
      stack_(kGuestStackCapacity),
      foreign_(module.types) {
  for (const ir::Function& function : module.functions)
    layouts_.push_back(layoutOf(types_, function));
  functionAddresses_.assign(module.functions.size(), 0);
  closureTargets_.resize(module.functions.size());
  closureInterfaces_.resize(module.functions.size());
  externAddresses_.assign(module.externs.size(), 0);
  for (const ir::ExternFunction& external : module.externs) {
    // exit and abort end the interpreted program, not the host process:
    // the interpreter may be a test or the IDE.
    const std::string& name = external.name;
    if (name == "exit" || name == "_exit" || name == "_Exit")
      externBehaviours_.push_back(ExternBehaviour::Exit);
    else if (name == "abort")
      externBehaviours_.push_back(ExternBehaviour::Abort);
    else
      externBehaviours_.push_back(ExternBehaviour::CallC);
  }
  frames_.reserve(1024);
}

void Machine::load() {
  // Strings: one read-only block, like .rodata (a write through one faults).
  size_t stringBytes = 0;
  for (const ir::StringLiteral& literal : module_.strings) stringBytes += literal.bytes.size() + 1;
  uint8_t* strings = stringRegion_.map(stringBytes);
  if (strings == nullptr) raiseFault(SIGSEGV, "cannot map the string literals");
  for (const ir::StringLiteral& literal : module_.strings) {
    stringAddresses_.push_back(reinterpret_cast<uint64_t>(strings));
    std::memcpy(strings, literal.bytes.data(), literal.bytes.size());
    strings += literal.bytes.size() + 1;  // keep a NUL even if the IR forgot one
  }
  stringRegion_.makeReadOnly();

  uint64_t globalBytes = 0;
  std::vector<uint64_t> offsets;
  for (const ir::Global& global : module_.globals) {
    globalBytes = alignUp(globalBytes, std::max<uint32_t>(global.align, 1));
    offsets.push_back(globalBytes);
    globalBytes += std::max<uint64_t>(global.size, 1);
  }
  uint8_t* globals = globalRegion_.map(globalBytes);
  if (globals == nullptr) raiseFault(SIGSEGV, "cannot map the globals");
  for (uint64_t offset : offsets)
    globalAddresses_.push_back(reinterpret_cast<uint64_t>(globals) + offset);
  for (size_t i = 0; i < module_.globals.size(); ++i) {
    const ir::Global& global = module_.globals[i];
    uint8_t* place = globals + offsets[i];
    std::memcpy(place, global.initializer.data(),
                std::min<size_t>(global.initializer.size(), global.size));
    for (const ir::Relocation& relocation : global.relocations) {
      uint64_t target = 0;
      switch (relocation.kind) {
        case ir::SymbolKind::Global: target = globalAddresses_.at(relocation.index); break;
        case ir::SymbolKind::Function: target = functionAddress(relocation.index); break;
        case ir::SymbolKind::Extern: target = externAddress(relocation.index); break;
        case ir::SymbolKind::String: target = stringAddresses_.at(relocation.index); break;
      }
      const uint64_t value = target + static_cast<uint64_t>(relocation.addend);
      if (relocation.offset + 8 <= global.size) std::memcpy(place + relocation.offset, &value, 8);
    }
  }
  decode();
}

void Machine::decode() {
  for (size_t f = 0; f < module_.functions.size(); ++f) {
    const ir::Function& function = module_.functions[f];
    std::vector<uint32_t> blockStarts;
    uint32_t start = 0;
    for (const ir::Block& block : function.blocks) {
      blockStarts.push_back(start);
      start += block.instrCount;
    }
    DecodedFunction decoded;
    decoded.code.reserve(start + 1);
    for (const ir::Block& block : function.blocks)
      for (const ir::Instr& instr : function.instructions(block))
        decoded.code.push_back(decodeInstr(function, instr, blockStarts, static_cast<uint32_t>(f)));
    // A function without code (a verifier would reject it) reaches this.
    if (decoded.code.empty()) {
      DecodedInstr missing;
      missing.instr = &kMissingCode;
      decoded.code.push_back(missing);
    }
    decoded_.push_back(std::move(decoded));
  }
}

DecodedInstr Machine::decodeInstr(const ir::Function& function, const ir::Instr& instr,
                                  const std::vector<uint32_t>& blockStarts,
                                  uint32_t functionIndex) {
  DecodedInstr d;
  d.op = instr.op;
  d.predicate = instr.predicate;
  d.instr = &instr;
  d.result = instr.result;
  auto valueShape = [&](ir::ValueId value) {
    return value < function.valueTypes.size() ? intShapeOf(types_, function.valueTypes[value])
                                              : IntShape{};
  };
  for (int i = 0; i < 2; ++i) {
    d.operand[i] = instr.operand[i];
    d.operandShape[i] = valueShape(instr.operand[i]);
    // (Only branches have targets; the others' share storage with the immediate.)
    const bool branches = instr.op == ir::Opcode::Br || instr.op == ir::Opcode::CondBr;
    d.target[i] =
        branches && instr.target[i] < blockStarts.size() ? blockStarts[instr.target[i]] : 0;
  }
  const bool hasType = instr.type < types_.count();
  if (hasType) {
    d.shape = intShapeOf(types_, instr.type);
    d.size = types_.get(instr.type).size;
  }
  auto elementSize = [&] {
    return hasType && types_.get(instr.type).element < types_.count()
               ? types_.get(types_.get(instr.type).element).size
               : 0;
  };
  switch (instr.op) {
    case ir::Opcode::ConstInt:
      d.aux = canonical(d.shape, static_cast<uint64_t>(instr.immediate));
      break;
    case ir::Opcode::ConstF64: d.aux = doubleToBits(instr.floatImmediate); break;
    case ir::Opcode::GlobalAddr: d.aux = globalAddresses_.at(instr.index); break;
    case ir::Opcode::StringAddr: d.aux = stringAddresses_.at(instr.index); break;
    case ir::Opcode::SlotAddr: d.aux = layouts_[functionIndex].slotOffsets.at(instr.index); break;
    case ir::Opcode::FieldAddr: d.aux = static_cast<uint64_t>(instr.immediate); break;
    case ir::Opcode::ElementAddr:
      d.size = elementSize();
      d.aux = hasType ? types_.get(instr.type).count : 0;
      break;
    case ir::Opcode::PtrAdd:
    case ir::Opcode::PtrSub:
    case ir::Opcode::PtrDiff: d.size = elementSize(); break;
    case ir::Opcode::Not:
      d.aux = hasType && types_.get(instr.type).kind == ir::TypeKind::Bool;
      break;
    default: break;
  }
  return d;
}

uint64_t Machine::externAddress(uint32_t externIndex) {
  if (externAddresses_[externIndex] != 0) return externAddresses_[externIndex];
  const std::string& name = module_.externs[externIndex].name;
  void* address = foreign_.resolveSymbol(name);
  // The native lanes fail to link such a program; the interpreter ends it
  // the first time the symbol is needed, with the shell's "not found" status.
  if (address == nullptr) raiseExit(127, "undefined C symbol '" + name + "'");
  externAddresses_[externIndex] = reinterpret_cast<uint64_t>(address);
  return externAddresses_[externIndex];
}

uint64_t Machine::functionAddress(uint32_t function) {
  if (functionAddresses_[function] != 0) return functionAddresses_[function];
  // A Toy function value is the code address of a libffi closure, so C can
  // call it; calls from Toy map the address back and never enter libffi.
  ClosureTarget& target = closureTargets_[function];
  target = {this, function};
  const ir::Type& type = types_.get(module_.functions[function].type);
  closureInterfaces_[function] =
      foreign_.prepare(module_.functions[function].type, type.params, type.params.size());
  void* code = foreign_.createClosure(*closureInterfaces_[function], closureEntry, &target);
  // Without a closure (zero-sized aggregate parameters) the value is still a
  // unique address; only C cannot call it.
  uint64_t address =
      code != nullptr ? reinterpret_cast<uint64_t>(code) : reinterpret_cast<uint64_t>(&target);
  functionAddresses_[function] = address;
  functionByAddress_[address] = function;
  return address;
}

void Machine::stackOverflow() {
  char message[128];
  std::snprintf(message, sizeof message, "stack overflow (call depth %zu, %llu frame bytes)",
                frames_.size(), static_cast<unsigned long long>(accountedBytes_));
  raiseFault(SIGSEGV, message);
}

Frame& Machine::pushFrame(uint32_t function, bool returnsToHost) {
  const FunctionLayout& layout = layouts_[function];
  const ir::Function& definition = module_.functions[function];
  if (frames_.size() >= options_.maximumCallDepth ||
      accountedBytes_ + layout.accountedBytes > stackBudget_)
    stackOverflow();
  uint8_t* mark = stack_.top();
  uint8_t* block = stack_.allocate(layout.slotBytes + definition.valueTypes.size() * 8);
  if (block == nullptr) stackOverflow();
  accountedBytes_ += layout.accountedBytes;
  Frame frame;
  frame.function = function;
  frame.slots = block;
  frame.values = reinterpret_cast<uint64_t*>(block + layout.slotBytes);
  frame.stackMark = mark;
  frame.returnsToHost = returnsToHost;
  frames_.push_back(frame);
  return frames_.back();
}

void Machine::bindParameter(Frame& frame, uint32_t parameter, uint64_t value) {
  const ir::Slot& slot = module_.functions[frame.function].slots[parameter];
  const ir::Type& type = types_.get(slot.type);
  uint8_t* place = frame.slots + layouts_[frame.function].slotOffsets[parameter];
  // Aggregates arrive as the address of the caller's copy; the callee owns
  // its own copy (by-value semantics).
  if (types_.isAggregate(slot.type))
    copyGuest(reinterpret_cast<uint64_t>(place), value, type.size);
  else
    std::memcpy(place, &value, std::min<uint64_t>(type.size, 8));
}

uint64_t Machine::callFromHost(uint32_t function, const std::vector<uint64_t>& arguments) {
  const size_t depth = frames_.size();
  Frame& frame = pushFrame(function, true);
  const uint32_t count = std::min<uint32_t>(module_.functions[function].parameterCount,
                                            static_cast<uint32_t>(arguments.size()));
  for (uint32_t i = 0; i < count; ++i) bindParameter(frame, i, arguments[i]);
  run(depth);
  return hostReturnValue_;
}

void Machine::callFromC(uint32_t function, void* result, void** arguments) {
  const ir::Function& definition = module_.functions[function];
  std::vector<uint64_t> values;
  for (uint32_t i = 0; i < definition.parameterCount; ++i) {
    const ir::TypeId type = definition.slots[i].type;
    if (types_.isAggregate(type)) {
      values.push_back(reinterpret_cast<uint64_t>(arguments[i]));
    } else {
      uint64_t raw = 0;
      std::memcpy(&raw, arguments[i], std::min<uint64_t>(types_.get(type).size, 8));
      values.push_back(canonical(intShapeOf(types_, type), raw));
    }
  }
  const uint64_t value = callFromHost(function, values);
  const ir::Type& resultType = types_.get(definition.result);
  if (resultType.kind == ir::TypeKind::Void) return;
  if (types_.isAggregate(definition.result)) {
    std::memcpy(result, reinterpret_cast<const void*>(value), resultType.size);
  } else {
    // libffi wants integer results widened to a full ffi_arg; canonical
    // values already are (sign- or zero-extended).
    std::memcpy(result, &value, 8);
  }
}

uint64_t Machine::runMain(const std::vector<std::string>& arguments) {
  const int main = module_.findFunction("main");
  argumentStrings_ = arguments;
  for (std::string& argument : argumentStrings_) argumentPointers_.push_back(argument.data());
  argumentPointers_.push_back(nullptr);
  const std::vector<uint64_t> values = {static_cast<uint64_t>(arguments.size()),
                                        reinterpret_cast<uint64_t>(argumentPointers_.data())};
  return callFromHost(static_cast<uint32_t>(main), values);
}

std::vector<InterpretFrame> Machine::backtrace(size_t limit) const {
  std::vector<InterpretFrame> result;
  for (size_t i = frames_.size(); i > 0; --i) {
    // A long (overflowed) stack keeps its innermost frames and main.
    if (result.size() + 1 >= limit && i != 1) continue;
    const Frame& frame = frames_[i - 1];
    const ir::Function& function = module_.functions[frame.function];
    InterpretFrame entry;
    entry.function = function.name;
    ir::SourceLocation location = function.location;
    const std::vector<DecodedInstr>& code = decoded_[frame.function].code;
    if (frame.pc < code.size()) location = ir::locationOf(*code[frame.pc].instr);
    if (location.file < module_.files.size()) entry.file = module_.files[location.file];
    entry.line = location.line;
    entry.column = location.column;
    result.push_back(std::move(entry));
  }
  return result;
}

}  // namespace tide::core::interp
