// Frames are cut at the image boundary by jit::crashBacktrace; each image
// address is described by a Symbolizer built with every loaded section at
// its image offset (layoutImage), exactly as the runner mapped it.
#include "tide/debugger/crash_report.h"

#include <cinttypes>
#include <cstdio>
#include <optional>

#include "tide/debugger/display_path.h"
#include "tide/debugger/elf_file.h"
#include "tide/debugger/symbolizer.h"
#include "tide/jit/crash_backtrace.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_layout.h"

namespace tide::debugger {
namespace {

// "<bt_leaf+0x14> at crash.toy:3:5" (parts omitted when unknown).
std::string describeFrame(const Symbolizer& symbolizer, std::uint64_t imageAddress,
                          bool returnAddress) {
  const SymbolizedAddress symbol = symbolizer.symbolize(
      imageAddress, returnAddress ? AddressKind::ReturnAddress : AddressKind::Exact);
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

}  // namespace

std::string symbolizedCrashBacktrace(const std::vector<std::uint8_t>& object,
                                     const jit::RunResult& result) {
  if (!result.crashed) return {};
  const jit::ElfParseResult parsed = jit::parseElfObject(object);
  if (!parsed.object) return {};
  const jit::LayoutResult laidOut = jit::layoutImage(*parsed.object);
  if (!laidOut.layout) return {};
  const jit::ImageLayout& layout = *laidOut.layout;

  std::optional<Symbolizer> symbolizer;
  if (auto file = ElfFile::fromBytes(object)) {
    SectionAddressMap addresses;
    for (const jit::PlacedSection& placed : layout.sections)
      addresses[placed.sectionIndex] = placed.imageOffset;
    if (auto built = Symbolizer::fromElf(*file, &addresses)) symbolizer = std::move(*built);
  }
  return jit::formatCrashBacktrace(
      result, layout, [&](std::uint64_t imageAddress, bool returnAddress) {
        return symbolizer ? describeFrame(*symbolizer, imageAddress, returnAddress) : std::string();
      });
}

}  // namespace tide::debugger
