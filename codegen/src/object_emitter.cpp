// ObjectBuilder / compileToObject: the module driver. Steps, in order:
//   1. (constructor) sections and data layout: globals into .data
//      (initialized) or .bss (all zero), each at its alignment;
//   2. (addFunction) code: every function in module order into one .text
//      buffer (calls and function addresses between Toy functions are
//      resolved here, with no relocation), and its debug info entries;
//   3. (finish) strings into .rodata (and the addends of the code's
//      references to them); symbols: functions local, `main`/exported global;
//      data relocations;
//   4. (finish) the DWARF 5 sections' bytes (when asked) and the ELF bytes.
// Strings wait for finish() because the front end may still be interning
// them for later functions while earlier ones are generated (the compile
// pipeline); nothing else the constructor reads changes after declaration.
#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>

#include "codegen_context.h"
#include "tide/codegen/object.h"

namespace tide::codegen {

namespace {

std::uint64_t alignUp(std::uint64_t value, std::uint64_t align) {
  return align <= 1 ? value : (value + align - 1) / align * align;
}

bool allZero(const std::vector<std::uint8_t>& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

ElfSection makeSection(const char* name, std::uint32_t type, std::uint64_t flags,
                       std::uint64_t align) {
  ElfSection section;
  section.name = name;
  section.type = type;
  section.flags = flags;
  section.align = align;
  return section;
}

void layoutData(ModuleContext& context) {
  const ir::Module& module = context.module;
  ElfObject& object = context.object;
  for (const ir::Global& global : module.globals) {
    const bool zero = allZero(global.initializer) && global.relocations.empty();
    const int sectionIndex = zero ? context.bssSection : context.dataSection;
    ElfSection& section = object.sections[static_cast<std::size_t>(sectionIndex)];
    section.align = std::max<std::uint64_t>(section.align, global.align);
    const std::uint64_t size = std::max<std::uint64_t>(global.size, 1);
    if (zero) {
      section.noBitsSize = alignUp(section.noBitsSize, global.align);
      context.globalOffset.push_back(section.noBitsSize);
      section.noBitsSize += size;
    } else {
      section.bytes.resize(alignUp(section.bytes.size(), global.align), 0);
      context.globalOffset.push_back(section.bytes.size());
      section.bytes.insert(section.bytes.end(), global.initializer.begin(),
                           global.initializer.end());
      section.bytes.resize(context.globalOffset.back() + size, 0);
    }
    context.globalSection.push_back(sectionIndex);
  }
}

void layoutStrings(ModuleContext& context) {
  ElfSection& rodata = context.object.sections[static_cast<std::size_t>(context.rodataSection)];
  for (const ir::StringLiteral& literal : context.module.strings) {
    context.stringOffset.push_back(rodata.bytes.size());
    rodata.bytes.insert(rodata.bytes.end(), literal.bytes.begin(), literal.bytes.end());
    if (literal.bytes.empty() || literal.bytes.back() != '\0') rodata.bytes.push_back(0);
  }
  std::vector<ElfRelocation>& text =
      context.object.sections[static_cast<std::size_t>(context.textSection)].relocations;
  for (const StringReference& reference : context.stringReferences) {
    if (reference.stringIndex < context.stringOffset.size())
      text[reference.relocation].addend +=
          static_cast<std::int64_t>(context.stringOffset[reference.stringIndex]);
    else
      context.problems.push_back("a reference to string literal " +
                                 std::to_string(reference.stringIndex) + ", which does not exist");
  }
}

void relocateData(ModuleContext& context, const std::vector<FunctionPlacement>& functions) {
  const ir::Module& module = context.module;
  ElfSection& data = context.object.sections[static_cast<std::size_t>(context.dataSection)];
  for (std::size_t g = 0; g < module.globals.size(); ++g) {
    if (context.globalSection[g] != context.dataSection) continue;
    for (const ir::Relocation& relocation : module.globals[g].relocations) {
      ElfRelocation out;
      out.offset = context.globalOffset[g] + relocation.offset;
      out.type = R_X86_64_64;
      out.againstSection = true;
      switch (relocation.kind) {
        case ir::SymbolKind::Global:
          if (relocation.index >= module.globals.size()) continue;
          out.target = static_cast<std::uint32_t>(context.globalSection[relocation.index]);
          out.addend =
              static_cast<std::int64_t>(context.globalOffset[relocation.index]) + relocation.addend;
          break;
        case ir::SymbolKind::Function:
          if (relocation.index >= functions.size()) continue;
          out.target = static_cast<std::uint32_t>(context.textSection);
          out.addend =
              static_cast<std::int64_t>(functions[relocation.index].textOffset) + relocation.addend;
          break;
        case ir::SymbolKind::String:
          if (relocation.index >= context.stringOffset.size()) continue;
          out.target = static_cast<std::uint32_t>(context.rodataSection);
          out.addend =
              static_cast<std::int64_t>(context.stringOffset[relocation.index]) + relocation.addend;
          break;
        case ir::SymbolKind::Extern:
          if (relocation.index >= module.externs.size()) continue;
          out.againstSection = false;
          out.target = context.externSymbolFor(relocation.index);
          out.addend = relocation.addend;
          break;
      }
      data.relocations.push_back(out);
    }
  }
}

std::string currentDirectory() {
  char buffer[4096];
  return getcwd(buffer, sizeof buffer) ? std::string(buffer) : std::string(".");
}

}  // namespace

struct ObjectBuilder::State {
  const ir::Module& module;
  CodegenOptions options;
  ElfObject object;
  ModuleContext context;
  DebugCompileUnit unit;
  std::unique_ptr<DwarfUnitWriter> dwarf;  // when options.debugInfo
  ObjectFile result;
  std::uint32_t added = 0;

  State(const ir::Module& m, const CodegenOptions& o) : module(m), options(o), context(m, object) {}
};

ObjectBuilder::ObjectBuilder(const ir::Module& module, const CodegenOptions& options,
                             std::size_t expectedInstructions)
    : state_(std::make_unique<State>(module, options)) {
  ElfObject& object = state_->object;
  ModuleContext& context = state_->context;
  object.sourceFileName = module.files.empty() ? std::string() : module.files[0];
  // 1. sections and data
  context.textSection =
      object.addSection(makeSection(".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16));
  context.rodataSection = object.addSection(makeSection(".rodata", SHT_PROGBITS, SHF_ALLOC, 1));
  context.dataSection =
      object.addSection(makeSection(".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8));
  context.bssSection = object.addSection(makeSection(".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 8));
  object.addSection(makeSection(".note.GNU-stack", SHT_PROGBITS, 0, 1));
  context.externSymbol.assign(module.externs.size(), -1);
  layoutData(context);
  for (std::size_t i = 0; i < module.functions.size(); ++i)
    context.functionLabels.push_back(context.code.newLabel());
  // Reserved from the IR size so the code buffer and line rows are not
  // regrown (and copied) a dozen times on large programs.
  context.code.code().reserve(expectedInstructions * 5 + module.functions.size() * 48);
  // One function's rows at a time (DwarfUnitWriter encodes them).
  state_->unit.lines.reserve(1024);
  state_->unit.functions.reserve(module.functions.size());
  state_->result.functions.reserve(module.functions.size());
  if (options.debugInfo) {
    DebugCompileUnit& unit = state_->unit;
    unit.producer = options.producer;
    unit.compilationDirectory =
        options.compilationDirectory.empty() ? currentDirectory() : options.compilationDirectory;
    unit.files = module.files;
    for (std::size_t g = 0; g < module.globals.size(); ++g) {
      const ir::Global& global = module.globals[g];
      unit.globals.push_back({global.name, global.type, context.globalSection[g],
                              context.globalOffset[g], global.location.file, global.location.line});
    }
    state_->dwarf =
        std::make_unique<DwarfUnitWriter>(unit, module.types, context.textSection, object,
                                          module.functions.size(), expectedInstructions);
  }
}

ObjectBuilder::~ObjectBuilder() = default;

std::uint32_t ObjectBuilder::functionsAdded() const { return state_->added; }

// 2. code
void ObjectBuilder::addFunction(std::uint32_t index) {
  State& state = *state_;
  ModuleContext& context = state.context;
  if (index != state.added || index >= state.module.functions.size()) {
    context.problems.push_back("internal: function " + std::to_string(index) +
                               " added out of order");
    return;
  }
  ++state.added;
  // Functions start 16-byte aligned, padded with int3 (never executed).
  context.code.alignWithInt3(16);
  GeneratedFunction generated = generateFunction(context, index, state.unit.lines);
  const ir::Function& function = state.module.functions[index];
  state.result.functions.push_back({function.name, generated.debug.lowPc,
                                    generated.debug.highPc - generated.debug.lowPc,
                                    function.exported});
  state.unit.functions.push_back(std::move(generated.debug));
  // The rows are encoded now and not kept: the buffer holds one function's.
  if (state.dwarf)
    state.dwarf->addFunction(state.unit.functions.back(), state.unit.lines.data(),
                             state.unit.lines.size());
  state.unit.lines.clear();
}

ObjectFile ObjectBuilder::finish() {
  State& state = *state_;
  const ir::Module& module = state.module;
  ModuleContext& context = state.context;
  ElfObject& object = state.object;
  ObjectFile& result = state.result;
  DebugCompileUnit& unit = state.unit;
  if (state.added != module.functions.size())
    context.problems.push_back(
        "internal: " + std::to_string(module.functions.size() - state.added) +
        " functions were never generated");
  if (!context.code.finish())
    context.problems.push_back("internal: a branch label was never bound");
  result.textSize = context.code.size();
  object.sections[static_cast<std::size_t>(context.textSection)].bytes =
      std::move(context.code.code());

  // 3. strings, symbols and data relocations
  layoutStrings(context);
  for (const FunctionPlacement& placement : result.functions)
    object.addSymbol({placement.name, placement.global, STT_FUNC, context.textSection,
                      placement.textOffset, placement.size});
  for (std::size_t g = 0; g < module.globals.size(); ++g)
    object.addSymbol({module.globals[g].name, false, STT_OBJECT, context.globalSection[g],
                      context.globalOffset[g], module.globals[g].size});
  relocateData(context, result.functions);

  // 4. debug info and bytes
  if (state.dwarf) {
    unit.textSize = result.textSize;
    state.dwarf->finish(unit);
  }
  result.bytes = writeElfObject(object);
  result.problems = std::move(context.problems);
  return std::move(result);
}

ObjectFile compileToObject(const ir::Module& module, const CodegenOptions& options) {
  std::size_t instructionCount = 0;
  for (const ir::Function& function : module.functions) instructionCount += function.instrs.size();
  ObjectBuilder builder(module, options, instructionCount);
  for (std::uint32_t i = 0; i < module.functions.size(); ++i) builder.addFunction(i);
  return builder.finish();
}

}  // namespace tide::codegen
