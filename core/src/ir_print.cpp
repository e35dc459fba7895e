// The IR printer: one line per instruction, deterministic, so golden dumps and
// `tide ir` can be diffed. The format is described in docs/ir.md.
#include <cinttypes>
#include <cstdio>

#include "tide/core/ir.h"

namespace tide::ir {

namespace {

const char* predicateName(CmpPredicate predicate) {
  static const char* const kNames[] = {"eq",  "ne",  "slt", "sle", "sgt", "sge", "ult", "ule",
                                       "ugt", "uge", "feq", "fne", "flt", "fle", "fgt", "fge"};
  return kNames[static_cast<int>(predicate)];
}

std::string escaped(const std::string& bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 32 && c < 127) {
      out += static_cast<char>(c);
    } else {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    }
  }
  return out + "\"";
}

std::string value(ValueId id) { return id == kNoValue ? "<none>" : "v" + std::to_string(id); }

std::string floatText(double number) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", number);
  return buffer;
}

std::string symbolName(const Module& module, SymbolKind kind, uint32_t index) {
  switch (kind) {
    case SymbolKind::Global:
      return index < module.globals.size() ? "@" + module.globals[index].name : "@?";
    case SymbolKind::Function:
      return index < module.functions.size() ? "@" + module.functions[index].name : "@?";
    case SymbolKind::Extern:
      return index < module.externs.size() ? "@" + module.externs[index].name : "@?";
    case SymbolKind::String: return "$s" + std::to_string(index);
  }
  return "?";
}

std::string operandsText(const Instr& instr) {
  std::string text;
  for (ValueId operand : instr.operand)
    if (operand != kNoValue) text += (text.empty() ? " " : ", ") + value(operand);
  return text;
}

std::string callText(const Module& module, const Function& function, const Instr& instr) {
  const TypeTable& types = module.types;
  std::string text;
  if (instr.op == Opcode::Call) text = " " + symbolName(module, SymbolKind::Function, instr.index);
  if (instr.op == Opcode::CallExtern)
    text = " " + symbolName(module, SymbolKind::Extern, instr.index);
  if (instr.op == Opcode::CallIndirect) text = " " + value(instr.operand[0]);
  text += "(";
  const CallSite& site = function.callSite(instr);
  const std::span<const CallArgument> arguments = function.arguments(instr);
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i) text += ", ";
    if (instr.op == Opcode::CallExtern && types.get(instr.type).variadic &&
        i == site.fixedArgumentCount)
      text += "... ";
    text += types.name(arguments[i].type) + " " + value(arguments[i].value);
  }
  text += ")";
  if (site.aggregateResultAddress != kNoValue)
    text += " into " + value(site.aggregateResultAddress);
  return text;
}

std::string instrText(const Module& module, const Function& function, const Instr& instr) {
  const TypeTable& types = module.types;
  std::string text;
  if (instr.result != kNoValue) text = value(instr.result) + " = ";
  text += opcodeName(instr.op);
  std::string typeName = instr.type == kNoType ? "" : " " + types.name(instr.type);
  switch (instr.op) {
    case Opcode::ConstInt:
      if (types.isSigned(instr.type) || instr.type == TypeTable::kBool)
        text += typeName + " " + std::to_string(instr.immediate);
      else
        text += typeName + " " + std::to_string(static_cast<uint64_t>(instr.immediate));
      break;
    case Opcode::ConstF64: text += " " + floatText(instr.floatImmediate); break;
    case Opcode::ConstNull: text += typeName; break;
    case Opcode::GlobalAddr:
      text += " " + symbolName(module, SymbolKind::Global, instr.index);
      break;
    case Opcode::FunctionAddr:
      text += " " + symbolName(module, SymbolKind::Function, instr.index);
      break;
    case Opcode::ExternAddr:
      text += " " + symbolName(module, SymbolKind::Extern, instr.index);
      break;
    case Opcode::StringAddr:
      text += " " + symbolName(module, SymbolKind::String, instr.index);
      break;
    case Opcode::SlotAddr:
      text += " %" + (instr.index < function.slots.size() ? function.slots[instr.index].name
                                                          : std::string("?"));
      break;
    case Opcode::FieldAddr:
      text += typeName + operandsText(instr) + ", +" + std::to_string(instr.immediate) + " #" +
              std::to_string(instr.index);
      break;
    case Opcode::Cmp:
      text += std::string(" ") + predicateName(instr.predicate) + typeName + operandsText(instr);
      break;
    case Opcode::Call:
    case Opcode::CallExtern:
    case Opcode::CallIndirect: text += callText(module, function, instr); break;
    case Opcode::Br: text += " bb" + std::to_string(instr.target[0]); break;
    case Opcode::CondBr:
      text += operandsText(instr) + ", bb" + std::to_string(instr.target[0]) + ", bb" +
              std::to_string(instr.target[1]);
      break;
    default: text += typeName + operandsText(instr); break;
  }
  const SourceLocation location = locationOf(instr);
  text += "  ; ";
  if (location.file != 0) text += std::to_string(location.file) + ":";
  text += std::to_string(location.line) + ":" + std::to_string(location.column);
  return text;
}

std::string locationText(const SourceLocation& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

std::string hexBytes(const std::vector<uint8_t>& bytes) {
  std::string text;
  char buffer[4];
  for (uint8_t byte : bytes) {
    std::snprintf(buffer, sizeof buffer, "%02x", byte);
    text += buffer;
  }
  return text;
}

}  // namespace

std::string printFunction(const Module& module, const Function& function) {
  const TypeTable& types = module.types;
  std::string text = "fn @" + function.name + ": " + types.name(function.type);
  if (function.exported) text += " export";
  if (function.noinline) text += " noinline";
  if (function.inlineHint) text += " inline";
  text += " {\n";
  if (function.bodyReleased) text += "  ; body released after code generation\n";
  static const char* const kSlotKinds[] = {"param", "local", "temp"};
  for (const Slot& slot : function.slots) {
    text += "  " + std::string(kSlotKinds[static_cast<int>(slot.kind)]) + " %" + slot.name + ": " +
            types.name(slot.type) + (slot.isMutable ? " var" : "") + "  ; scope " +
            locationText(slot.scopeBegin) + "-" + locationText(slot.scopeEnd) + "\n";
  }
  for (size_t b = 0; b < function.blocks.size(); ++b) {
    text += "bb" + std::to_string(b) + ":";
    if (!function.blocks[b].label.empty()) text += "  ; " + function.blocks[b].label;
    text += "\n";
    for (const Instr& instr : function.instructions(function.blocks[b]))
      text += "  " + instrText(module, function, instr) + "\n";
  }
  return text + "}\n";
}

std::string printModule(const Module& module) {
  const TypeTable& types = module.types;
  std::string text;
  for (size_t i = 0; i < module.files.size(); ++i)
    text += "file " + std::to_string(i) + " " + escaped(module.files[i]) + "\n";
  for (size_t id = 0; id < types.count(); ++id) {
    const Type& type = types.get(static_cast<TypeId>(id));
    if (type.kind != TypeKind::Struct) continue;
    text += "struct " + type.name + " size " + std::to_string(type.size) + " align " +
            std::to_string(type.align) + " {";
    for (const StructField& field : type.fields)
      text += " " + field.name + ": " + types.name(field.type) + " @" +
              std::to_string(field.offset) + ";";
    text += " }\n";
  }
  for (size_t i = 0; i < module.strings.size(); ++i)
    text += "string $s" + std::to_string(i) + " = " + escaped(module.strings[i].bytes) + "\n";
  for (const ExternFunction& function : module.externs)
    text += "extern @" + function.name + ": " + types.name(function.signature) + "\n";
  for (const Global& global : module.globals) {
    text += std::string(global.isMutable ? "var" : "let") + " @" + global.name + ": " +
            types.name(global.type) + " size " + std::to_string(global.size) + " align " +
            std::to_string(global.align) + " = x\"" + hexBytes(global.initializer) + "\"";
    for (const Relocation& relocation : global.relocations)
      text += " reloc(" + std::to_string(relocation.offset) + ", " +
              symbolName(module, relocation.kind, relocation.index) +
              (relocation.addend ? " + " + std::to_string(relocation.addend) : "") + ")";
    text += "\n";
  }
  for (const Function& function : module.functions) text += "\n" + printFunction(module, function);
  return text;
}

}  // namespace tide::ir
