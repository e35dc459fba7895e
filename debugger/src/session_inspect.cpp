// Inspection of the stopped program: the call stack (stack_unwinder.h over
// the Target's memory, symbolized by our DWARF reader), registers captured
// at each stop, variables of any frame by DWARF type and paths into them
// (`acc.total`, `a[3]`, `p.x`), conditions, return values
// (disassembly: session_disassembly.cpp).
#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "hex_text.h"
#include "session_engine.h"
#include "value_format.h"

namespace tide::debugger {

namespace {

const char* const kRegisterNames[] = {"rax",   "rbx",   "rcx",   "rdx",    "rsi",   "rdi",  "rbp",
                                      "rsp",   "r8",    "r9",    "r10",    "r11",   "r12",  "r13",
                                      "r14",   "r15",   "rip",   "rflags", "xmm0",  "xmm1", "xmm2",
                                      "xmm3",  "xmm4",  "xmm5",  "xmm6",   "xmm7",  "xmm8", "xmm9",
                                      "xmm10", "xmm11", "xmm12", "xmm13",  "xmm14", "xmm15"};

std::string trimmed(const std::string& text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

// The steps of a path after its first name: ".field", "[index]", ".*".
struct PathStep {
  enum class Kind { Field, Index, Deref } kind = Kind::Field;
  std::string field;
  std::int64_t index = 0;
};

bool parsePath(const std::string& path, std::string* root, std::vector<PathStep>* steps) {
  std::size_t at = 0;
  auto isName = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  while (at < path.size() && isName(path[at])) ++at;
  if (at == 0) return false;
  *root = path.substr(0, at);
  while (at < path.size()) {
    PathStep step;
    if (path[at] == '.') {
      ++at;
      if (at < path.size() && path[at] == '*') {
        step.kind = PathStep::Kind::Deref;
        ++at;
      } else {
        const std::size_t start = at;
        while (at < path.size() && isName(path[at])) ++at;
        if (at == start) return false;
        step.field = path.substr(start, at - start);
      }
    } else if (path[at] == '[') {
      const std::size_t close = path.find(']', at);
      if (close == std::string::npos) return false;
      const std::string number = path.substr(at + 1, close - at - 1);
      char* end = nullptr;
      step.index = std::strtoll(number.c_str(), &end, 0);
      if (number.empty() || *end != 0) return false;
      step.kind = PathStep::Kind::Index;
      at = close + 1;
    } else {
      return false;
    }
    steps->push_back(step);
  }
  return true;
}

}  // namespace

std::uint64_t RegisterValue::value() const {
  std::uint64_t value = 0;
  std::memcpy(&value, bytes.data(), std::min<std::size_t>(bytes.size(), 8));
  return value;
}

void SessionEngine::captureRegisters() {
  registersBefore_ = std::move(registersNow_);
  registersNow_.clear();
  for (const char* name : kRegisterNames) {
    RegisterValue value;
    value.name = name;
    if (auto bytes = target_->readRegisterBytes(name)) value.bytes = std::move(*bytes);
    for (const RegisterValue& before : registersBefore_)
      if (before.name == value.name) value.changed = before.bytes != value.bytes;
    registersNow_.push_back(std::move(value));
  }
}

const std::vector<RawFrame>& SessionEngine::rawFrames() {
  if (framesCache_) return *framesCache_;
  const StopContext context = readContext();
  const auto state = frameState(context);
  if (!state) {
    framesCache_ = std::vector<RawFrame>{{context.pc, context.fp}};
    return *framesCache_;
  }
  ChunkedMemory memory(*target_);
  const DebugInfo& info = symbolizer_->debugInfo();
  auto isLast = [&](std::uint64_t pc, bool returnAddress) {
    const DebugFunction* function = info.functionContaining(toImage(pc - (returnAddress ? 1 : 0)));
    return function && function->name == "main";
  };
  framesCache_ = walkFrames(
      memory, {context.pc, state->cfa - 16}, state->returnAddress, state->callerFp,
      [&](std::uint64_t pc) { return isImageCode(pc); }, isLast);
  return *framesCache_;
}

Backtrace SessionEngine::walkBacktrace(std::size_t innerLimit, std::size_t outerLimit) {
  const std::vector<RawFrame>& raw = rawFrames();
  Backtrace trace;
  trace.totalFrames = raw.size();
  const bool elide = raw.size() > innerLimit + outerLimit;
  for (std::size_t index = 0; index < raw.size(); ++index) {
    if (elide && index >= innerLimit && index < raw.size() - outerLimit) continue;
    FrameInfo frame = describePc(raw[index].pc, index > 0);
    frame.index = index;
    frame.frameAddress = raw[index].frameAddress;
    trace.frames.push_back(std::move(frame));
  }
  return trace;
}

Result<Backtrace> SessionEngine::backtrace(std::size_t innerLimit, std::size_t outerLimit) {
  Result<Backtrace> result;
  if (auto error = stoppedError())
    result.error = *error;
  else
    result.value = walkBacktrace(innerLimit, outerLimit);
  return result;
}

Reply SessionEngine::selectFrame(std::size_t index) {
  if (auto error = stoppedError()) return Reply::failure(*error);
  if (index >= rawFrames().size())
    return Reply::failure("no frame " + std::to_string(index) + " (the stack has " +
                          std::to_string(rawFrames().size()) + ")");
  selectedFrame_ = index;
  return {};
}

Result<FrameInfo> SessionEngine::selectedFrame() {
  Result<FrameInfo> result;
  if (auto error = stoppedError()) {
    result.error = *error;
    return result;
  }
  const RawFrame raw = rawFrames().at(selectedFrame_);
  FrameInfo frame = describePc(raw.pc, selectedFrame_ > 0);
  frame.index = selectedFrame_;
  frame.frameAddress = raw.frameAddress;
  result.value = frame;
  return result;
}

Result<std::vector<RegisterValue>> SessionEngine::registers() {
  Result<std::vector<RegisterValue>> result;
  if (auto error = stoppedError())
    result.error = *error;
  else
    result.value = registersNow_;
  return result;
}

VariableValue SessionEngine::valueAt(const std::string& name, const Place& place) {
  const DebugInfo& info = symbolizer_->debugInfo();
  VariableValue value;
  value.name = name;
  value.type = toyTypeName(info, place.type);
  const std::uint64_t size = typeSize(info, place.type);
  auto bytes = target_->readMemory(place.address, size);
  if (!bytes) {
    value.value = "<unreadable at " + hex(place.address) + ">";
    return value;
  }
  value.value =
      formatValue(info, place.type, *bytes, [this](std::uint64_t address, std::size_t count) {
        return target_->readMemory(address, count);
      });
  return value;
}

Result<std::vector<VariableValue>> SessionEngine::variablesOf(std::size_t frameIndex) {
  Result<std::vector<VariableValue>> result;
  const std::vector<RawFrame>& raw = rawFrames();
  if (frameIndex >= raw.size()) {
    result.error = "no frame " + std::to_string(frameIndex);
    return result;
  }
  const std::uint64_t image = toImage(raw[frameIndex].pc) - (frameIndex > 0 ? 1 : 0);
  const DebugInfo& info = symbolizer_->debugInfo();
  const DebugFunction* function = info.functionContaining(image);
  if (!function) {
    result.error = "no debug information for this frame";
    return result;
  }
  std::vector<VariableValue> values;
  const auto visible = info.variablesAt(*function, image);
  // Parameters first, then locals in declaration order (variablesAt lists
  // the innermost scope first and parameters last).
  std::vector<const DebugVariable*> ordered;
  for (const DebugVariable* variable : visible)
    if (variable->isParameter) ordered.push_back(variable);
  std::vector<const DebugVariable*> locals;
  for (const DebugVariable* variable : visible)
    if (!variable->isParameter) locals.push_back(variable);
  std::stable_sort(locals.begin(), locals.end(),
                   [](const auto* a, const auto* b) { return a->declLine < b->declLine; });
  ordered.insert(ordered.end(), locals.begin(), locals.end());
  for (const DebugVariable* variable : ordered) {
    const auto location = simpleLocationOf(variable->location);
    if (!location || location->kind != SimpleLocation::Kind::FrameBaseOffset) continue;
    Place place{raw[frameIndex].frameAddress + static_cast<std::uint64_t>(location->offset),
                variable->type};
    VariableValue value = valueAt(variable->name, place);
    value.isParameter = variable->isParameter;
    values.push_back(std::move(value));
  }
  result.value = std::move(values);
  return result;
}

Result<std::vector<VariableValue>> SessionEngine::locals() {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  return variablesOf(selectedFrame_);
}

Result<std::vector<VariableValue>> SessionEngine::globals() {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  std::vector<VariableValue> values;
  for (const DebugVariable& variable : symbolizer_->debugInfo().globals) {
    const auto location = simpleLocationOf(variable.location);
    if (!location || location->kind != SimpleLocation::Kind::Address) continue;
    values.push_back(valueAt(variable.name, {imageBase_ + location->address, variable.type}));
  }
  return {std::move(values), ""};
}

Result<SessionEngine::Place> SessionEngine::placeOf(std::size_t frameIndex,
                                                    const std::string& path) {
  std::string root;
  std::vector<PathStep> steps;
  if (!parsePath(path, &root, &steps)) return {std::nullopt, "cannot parse \"" + path + "\""};
  const DebugInfo& info = symbolizer_->debugInfo();
  std::optional<Place> place;
  const std::vector<RawFrame>& raw = rawFrames();
  if (frameIndex < raw.size()) {
    const std::uint64_t image = toImage(raw[frameIndex].pc) - (frameIndex > 0 ? 1 : 0);
    if (const DebugFunction* function = info.functionContaining(image)) {
      for (const DebugVariable* variable : info.variablesAt(*function, image)) {
        if (variable->name != root) continue;
        const auto location = simpleLocationOf(variable->location);
        if (location && location->kind == SimpleLocation::Kind::FrameBaseOffset) {
          place = Place{raw[frameIndex].frameAddress + static_cast<std::uint64_t>(location->offset),
                        variable->type};
          break;
        }
      }
    }
  }
  if (!place) {
    for (const DebugVariable& variable : info.globals) {
      const auto location = simpleLocationOf(variable.location);
      if (variable.name == root && location && location->kind == SimpleLocation::Kind::Address)
        place = Place{imageBase_ + location->address, variable.type};
    }
  }
  if (!place) return {std::nullopt, "no variable named " + root + " here"};
  for (const PathStep& step : steps) {
    const DebugType* type = info.resolvedType(place->type);
    if (!type) return {std::nullopt, "a value of no type"};
    // Field access through a pointer dereferences once, as in Toy.
    if ((step.kind == PathStep::Kind::Field || step.kind == PathStep::Kind::Deref ||
         step.kind == PathStep::Kind::Index) &&
        type->kind == TypeKind::Pointer) {
      const auto pointer = readWord(place->address);
      if (!pointer) return {std::nullopt, "cannot read the pointer"};
      if (*pointer == 0) return {std::nullopt, "null pointer in \"" + path + "\""};
      const std::uint64_t elementSize = typeSize(info, type->target);
      place = Place{*pointer, type->target};
      if (step.kind == PathStep::Kind::Deref) continue;
      if (step.kind == PathStep::Kind::Index) {
        place->address += static_cast<std::uint64_t>(step.index) * elementSize;
        continue;
      }
      type = info.resolvedType(place->type);
      if (!type) return {std::nullopt, "a pointer to no type"};
    }
    if (step.kind == PathStep::Kind::Deref)
      return {std::nullopt, "cannot dereference a value of type " + toyTypeName(info, place->type) +
                                " (not a pointer)"};
    if (step.kind == PathStep::Kind::Field) {
      if (type->kind != TypeKind::Structure && type->kind != TypeKind::Union)
        return {std::nullopt, "\"." + step.field + "\" of a value that is not a struct"};
      const TypeMember* member = nullptr;
      for (const TypeMember& candidate : type->members)
        if (candidate.name == step.field) member = &candidate;
      if (!member) return {std::nullopt, type->name + " has no field " + step.field};
      place = Place{place->address + member->byteOffset, member->type};
    } else {
      if (type->kind != TypeKind::Array)
        return {std::nullopt, "index of a value that is not an array"};
      const std::uint64_t count = type->arrayCounts.empty() ? 0 : type->arrayCounts.front();
      if (step.index < 0 || static_cast<std::uint64_t>(step.index) >= count)
        return {std::nullopt, "index " + std::to_string(step.index) + " out of range [0, " +
                                  std::to_string(count) + ")"};
      const std::uint64_t elementSize = typeSize(info, type->target);
      place = Place{place->address + static_cast<std::uint64_t>(step.index) * elementSize,
                    type->target};
    }
  }
  return {place, ""};
}

Result<VariableValue> SessionEngine::evaluate(const std::string& expression) {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  const std::string text = trimmed(expression);
  // gdb's spellings next to Toy's: `&PATH` is the address of a variable or a
  // part of one, `*PATH` is Toy's `PATH.*`.
  if (text.starts_with("&")) {
    auto place = placeOf(selectedFrame_, trimmed(text.substr(1)));
    if (!place.ok()) return {std::nullopt, place.error};
    VariableValue value;
    value.name = text;
    value.type = "*" + toyTypeName(symbolizer_->debugInfo(), place.value->type);
    value.value = hex(place.value->address);
    return {std::move(value), ""};
  }
  std::size_t stars = 0;
  while (stars < text.size() && text[stars] == '*') ++stars;
  std::string path = trimmed(text.substr(stars));
  for (std::size_t i = 0; i < stars; ++i) path += ".*";
  auto place = placeOf(selectedFrame_, path);
  if (!place.ok()) return {std::nullopt, place.error};
  return {valueAt(text, *place.value), ""};
}

Result<std::uint64_t> SessionEngine::addressOf(const std::string& expression) {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  const std::string text = trimmed(expression);
  if (text.starts_with("&")) {
    auto place = placeOf(selectedFrame_, trimmed(text.substr(1)));
    if (!place.ok()) return {std::nullopt, place.error};
    return {place.value->address, ""};
  }
  auto place = placeOf(selectedFrame_, text);
  if (!place.ok()) {
    // Not a variable: a function's entry, as `x main` or `disas main` mean.
    for (const DebugFunction& function : symbolizer_->debugInfo().functions)
      if (function.name == text) return {imageBase_ + function.lowPc, ""};
    // Or a C function the program calls (puts), by the loaded libraries' symbols.
    if (const auto symbol = target_->symbolAddress(text)) return {*symbol, ""};
    return {std::nullopt, "no variable, function or symbol named " + text + " here"};
  }
  // As in gdb: a pointer names what it points to, an array its first element.
  const DebugInfo& info = symbolizer_->debugInfo();
  const DebugType* type = info.resolvedType(place.value->type);
  if (type && type->kind == TypeKind::Array) return {place.value->address, ""};
  if (type && type->kind == TypeKind::Pointer) {
    const auto pointer = readWord(place.value->address);
    if (!pointer) return {std::nullopt, "cannot read the pointer " + text};
    return {*pointer, ""};
  }
  return {std::nullopt, text + " has type " + toyTypeName(info, place.value->type) +
                            ", not a pointer (&" + text + " is its address)"};
}

std::optional<bool> SessionEngine::conditionHolds(const std::string& condition,
                                                  std::string* error) {
  static const char* const kOperators[] = {"==", "!=", "<=", ">=", "<", ">"};
  std::size_t at = std::string::npos;
  std::string op;
  for (const char* candidate : kOperators) {
    const std::size_t found = condition.find(candidate);
    if (found != std::string::npos && (at == std::string::npos || found < at)) {
      at = found;
      op = candidate;
    } else if (found != std::string::npos && found == at && std::strlen(candidate) > op.size()) {
      op = candidate;
    }
  }
  if (at == std::string::npos) {
    *error = "a condition is PATH OP VALUE (== != < <= > >=)";
    return std::nullopt;
  }
  const DebugInfo& info = symbolizer_->debugInfo();
  auto operand = [&](const std::string& text) -> std::optional<Number> {
    if (text == "true" || text == "false") return Number{false, false, text == "true", 0};
    char* end = nullptr;
    const long long integer = std::strtoll(text.c_str(), &end, 0);
    if (!text.empty() && *end == 0) return Number{false, false, integer, 0};
    const double real = std::strtod(text.c_str(), &end);
    if (!text.empty() && *end == 0) return Number{true, false, 0, real};
    auto place = placeOf(0, text);
    if (!place.ok()) {
      *error = place.error;
      return std::nullopt;
    }
    auto bytes = target_->readMemory(place.value->address, typeSize(info, place.value->type));
    if (!bytes) return std::nullopt;
    return numberOf(info, place.value->type, *bytes);
  };
  const auto left = operand(trimmed(condition.substr(0, at)));
  const auto right = operand(trimmed(condition.substr(at + op.size())));
  if (!left || !right) return std::nullopt;
  int order = 0;
  if (left->isFloat || right->isFloat) {
    const double a = left->isFloat ? left->real : static_cast<double>(left->integer);
    const double b = right->isFloat ? right->real : static_cast<double>(right->integer);
    order = a < b ? -1 : (a > b ? 1 : 0);
  } else if (left->isUnsigned || right->isUnsigned) {
    const auto a = static_cast<std::uint64_t>(left->integer);
    const auto b = static_cast<std::uint64_t>(right->integer);
    order = a < b ? -1 : (a > b ? 1 : 0);
  } else {
    order = left->integer < right->integer ? -1 : (left->integer > right->integer ? 1 : 0);
  }
  if (op == "==") return order == 0;
  if (op == "!=") return order != 0;
  if (op == "<") return order < 0;
  if (op == "<=") return order <= 0;
  if (op == ">") return order > 0;
  return order >= 0;
}

std::optional<std::string> SessionEngine::returnValueOf(const std::string& functionName,
                                                        std::string* typeName) {
  const DebugInfo& info = symbolizer_->debugInfo();
  const DebugFunction* function = info.functionNamed(functionName);
  if (!function || function->returnType == 0) return std::nullopt;
  const DebugType* type = info.resolvedType(function->returnType);
  if (!type) return std::nullopt;
  *typeName = toyTypeName(info, function->returnType);
  const std::uint64_t size = typeSize(info, function->returnType);
  auto reg = [&](const char* name) {
    for (const RegisterValue& value : registersNow_)
      if (value.name == name) return value.bytes;
    return std::vector<std::uint8_t>(16, 0);
  };
  // The return value is read after the return, so capture fresh registers.
  captureRegisters();
  std::vector<std::uint8_t> bytes;
  const bool aggregate = type->kind == TypeKind::Structure || type->kind == TypeKind::Array;
  if (aggregate && size > 16) {
    // Returned in memory: rax holds the address of the caller's buffer.
    auto memory = target_->readMemory(RegisterValue{"rax", reg("rax"), false}.value(), size);
    if (!memory) return std::nullopt;
    bytes = std::move(*memory);
  } else if (aggregate) {
    // System V: each eightbyte in the next SSE register when every scalar
    // in it is a double, else in the next of rax, rdx.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> scalars;  // offset, type
    std::function<void(std::uint64_t, std::uint64_t)> collect = [&](std::uint64_t offset,
                                                                    std::uint64_t typeOffset) {
      const DebugType* part = info.resolvedType(typeOffset);
      if (!part) return;
      if (part->kind == TypeKind::Structure) {
        for (const TypeMember& member : part->members)
          collect(offset + member.byteOffset, member.type);
      } else if (part->kind == TypeKind::Array) {
        const std::uint64_t count = part->arrayCounts.empty() ? 0 : part->arrayCounts.front();
        const std::uint64_t element = typeSize(info, part->target);
        for (std::uint64_t i = 0; i < count; ++i) collect(offset + i * element, part->target);
      } else {
        scalars.emplace_back(offset, typeOffset);
      }
    };
    collect(0, function->returnType);
    const char* const integerRegisters[] = {"rax", "rdx"};
    const char* const sseRegisters[] = {"xmm0", "xmm1"};
    int nextInteger = 0, nextSse = 0;
    for (std::uint64_t eightbyte = 0; eightbyte * 8 < size; ++eightbyte) {
      bool allFloat = true;
      for (const auto& [offset, scalar] : scalars) {
        if (offset / 8 != eightbyte) continue;
        const DebugType* part = info.resolvedType(scalar);
        if (!part || part->encoding != 0x04) allFloat = false;
      }
      const std::vector<std::uint8_t> source =
          allFloat ? reg(sseRegisters[nextSse++]) : reg(integerRegisters[nextInteger++]);
      bytes.insert(bytes.end(), source.begin(), source.begin() + 8);
    }
    bytes.resize(size);
  } else {
    const bool isFloat = type->kind == TypeKind::Base && type->encoding == 0x04;
    bytes = reg(isFloat ? "xmm0" : "rax");
    bytes.resize(size);
  }
  return formatValue(info, function->returnType, bytes,
                     [this](std::uint64_t address, std::size_t count) {
                       return target_->readMemory(address, count);
                     });
}

Result<std::vector<std::uint8_t>> SessionEngine::readMemory(std::uint64_t address,
                                                            std::size_t size) {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  auto bytes = target_->readMemory(address, size);
  if (!bytes)
    return {std::nullopt, "cannot read " + std::to_string(size) + " bytes at " + hex(address)};
  return {std::move(*bytes), ""};
}

Result<std::vector<NativeFrame>> SessionEngine::nativeBacktrace() {
  if (auto error = stoppedError()) return {std::nullopt, *error};
  return {target_->nativeBacktrace(), ""};
}

}  // namespace tide::debugger
