// runNativeProgram (see run_native.h). The crash chain arrives as runtime
// addresses; jit's crashBacktrace cuts it at the image boundary and the
// debugger's Symbolizer, built from the same object with each loaded
// section at its image offset (layoutImage), names every frame.
#include "cli/run_native.h"

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "tide/codegen/object.h"
#include "tide/debugger/elf_file.h"
#include "tide/debugger/symbolizer.h"
#include "tide/jit/crash_backtrace.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_layout.h"
#include "tide/jit/jit_session.h"

namespace tide::cli {
namespace {

// `path` relative to the current directory when it lies below it.
std::string displayPath(const std::string& path) {
  std::error_code error;
  const std::string current = std::filesystem::current_path(error).string() + "/";
  if (!error && path.starts_with(current)) return path.substr(current.size());
  return path;
}

// "<bt_leaf+0x14> at crash.toy:3:5" (parts omitted when unknown).
std::string describeFrame(const debugger::Symbolizer& symbolizer, std::uint64_t imageAddress,
                          bool returnAddress) {
  const debugger::SymbolizedAddress symbol =
      symbolizer.symbolize(imageAddress, returnAddress ? debugger::AddressKind::ReturnAddress
                                                       : debugger::AddressKind::Exact);
  std::string text;
  if (!symbol.function.empty()) {
    char offset[32];
    std::snprintf(offset, sizeof(offset), "+0x%" PRIx64, symbol.offset);
    text = "<" + symbol.function + (symbol.offset != 0 ? offset : "") + ">";
  }
  if (symbol.location) {
    if (!text.empty()) text += " ";
    text +=
        "at " + displayPath(symbol.location->file) + ":" + std::to_string(symbol.location->line);
    if (symbol.location->column != 0) text += ":" + std::to_string(symbol.location->column);
  }
  return text;
}

void printBacktrace(const std::vector<std::uint8_t>& object, const jit::RunResult& result) {
  const jit::ElfParseResult parsed = jit::parseElfObject(object);
  if (!parsed.object) return;
  const jit::LayoutResult laidOut = jit::layoutImage(*parsed.object);
  if (!laidOut.layout) return;
  const jit::ImageLayout& layout = *laidOut.layout;

  std::optional<debugger::Symbolizer> symbolizer;
  if (auto file = debugger::ElfFile::fromBytes(object)) {
    debugger::SectionAddressMap addresses;
    for (const jit::PlacedSection& placed : layout.sections)
      addresses[placed.sectionIndex] = placed.imageOffset;
    if (auto built = debugger::Symbolizer::fromElf(*file, &addresses))
      symbolizer = std::move(*built);
  }
  const std::string text = jit::formatCrashBacktrace(
      result, layout, [&](std::uint64_t imageAddress, bool returnAddress) {
        return symbolizer ? describeFrame(*symbolizer, imageAddress, returnAddress) : "";
      });
  std::fputs(text.c_str(), stderr);
}

}  // namespace

int runNativeProgram(const ir::Module& module, const std::string& programName,
                     const std::vector<std::string>& arguments) {
  const codegen::ObjectFile object = codegen::compileToObject(module);
  for (const std::string& problem : object.problems)
    std::fprintf(stderr, "tide run: code generation: %s\n", problem.c_str());
  jit::RunOptions options;
  options.programName = programName;
  std::fflush(nullptr);  // our own buffered output first, then the program's
  const jit::RunResult result = jit::runImage(object.bytes, arguments, options);
  if (!result.started) {
    std::fprintf(stderr, "tide run: %s\n", result.error.c_str());
    return 1;
  }
  if (result.crashed) printBacktrace(object.bytes, result);
  return result.exitCode;
}

}  // namespace tide::cli
