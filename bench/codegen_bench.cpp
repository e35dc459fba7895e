// tide-codegen-bench: the back end (codegen::compileToObject) timed
// in-process, so neither the front end nor the start-up of `tide` hides it.
// Compiles the FILEs (one module) with the core front end once, then per
// round, timing each with the thread's CPU clock:
//   total  compileToObject itself (debug info on);
//   code   the same object again through ObjectBuilder (what compileToObject
//          does): constructor + every addFunction (value homes, instruction
//          selection, encoding, line rows, each function's DWARF description);
//   finish that builder's finish(): strings, symbols, DWARF sections, ELF bytes;
// and a third object with debug info off, whose finish() has no DWARF, so
// DWARF ~ finish - finish(no debug).
//
//     tide-codegen-bench [--rounds N] [--write OUT.o] FILE...
//
// Prints the best round of each part (ms), page faults of the best round,
// the first round (the one `tide build` runs, on memory fresh from the
// allocator), the object's sections by size and the peak resident set size.
// --write stores the object of the first round (debug info on), for
// comparing the bytes of two builds.
#include <elf.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "bench_clock.h"
#include "tide/codegen/object.h"
#include "tide/core/compile.h"

namespace {

using tide::bench::peakRssKb;
using tide::bench::threadCpuSeconds;

struct RoundTimes {
  double code = 0, finish = 0, total = 0, finishWithoutDebug = 0;
  long faults = 0;
};

// As compileToObject does it, with a clock between the steps.
tide::codegen::ObjectFile buildObject(const tide::ir::Module& module,
                                      const tide::codegen::CodegenOptions& options,
                                      double& codeSeconds, double& finishSeconds) {
  const double start = threadCpuSeconds();
  std::size_t instructionCount = 0;
  for (const tide::ir::Function& function : module.functions)
    instructionCount += function.instrs.size();
  tide::codegen::ObjectBuilder builder(module, options, instructionCount);
  for (std::uint32_t i = 0; i < module.functions.size(); ++i) builder.addFunction(i);
  const double generated = threadCpuSeconds();
  tide::codegen::ObjectFile object = builder.finish();
  finishSeconds = threadCpuSeconds() - generated;
  codeSeconds = generated - start;
  return object;
}

// Section name -> size, from the ELF section headers of `bytes`.
void printSections(const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() < sizeof(Elf64_Ehdr)) return;
  Elf64_Ehdr header;
  std::memcpy(&header, bytes.data(), sizeof header);
  if (header.e_shoff + std::uint64_t{header.e_shnum} * sizeof(Elf64_Shdr) > bytes.size()) return;
  std::vector<Elf64_Shdr> sections(header.e_shnum);
  std::memcpy(sections.data(), bytes.data() + header.e_shoff, sections.size() * sizeof(Elf64_Shdr));
  if (header.e_shstrndx >= sections.size()) return;
  const Elf64_Shdr& names = sections[header.e_shstrndx];
  std::printf("  object %zu bytes:", bytes.size());
  int shown = 0;
  for (const Elf64_Shdr& section : sections) {
    if (section.sh_type == SHT_NULL || section.sh_size == 0) continue;
    if (section.sh_name >= names.sh_size) continue;
    const char* name =
        reinterpret_cast<const char*>(bytes.data() + names.sh_offset) + section.sh_name;
    std::printf("%s %s %lu", shown % 5 == 0 ? "\n   " : ",", name,
                static_cast<unsigned long>(section.sh_size));
    ++shown;
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  std::string writePath;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    if (std::strcmp(argv[i], "--write") == 0 && i + 1 < argc) {
      writePath = argv[++i];
      continue;
    }
    paths.push_back(argv[i]);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: tide-codegen-bench [--rounds N] [--write OUT.o] FILE...\n");
    return 2;
  }
  const double frontStart = threadCpuSeconds();
  tide::core::CompileResult compiled = tide::core::compileFiles(paths);
  const double frontSeconds = threadCpuSeconds() - frontStart;
  if (!compiled.ok()) {
    std::fprintf(stderr, "tide-codegen-bench: the input has errors:\n%s",
                 tide::core::formatDiagnostics(compiled).c_str());
    return 1;
  }
  const long frontRss = peakRssKb();
  const tide::ir::Module& module = *compiled.module;
  std::size_t instructions = 0;
  for (const tide::ir::Function& function : module.functions)
    instructions += function.instrs.size();

  tide::codegen::CodegenOptions withDebug;
  tide::codegen::CodegenOptions withoutDebug;
  withoutDebug.debugInfo = false;
  RoundTimes best, first;
  std::vector<std::uint8_t> firstObject;
  std::size_t problems = 0;
  for (int round = 0; round < rounds; ++round) {
    RoundTimes times;
    const long faultsBefore = tide::bench::threadMinorFaults();
    {
      const double start = threadCpuSeconds();
      tide::codegen::ObjectFile object = tide::codegen::compileToObject(module, withDebug);
      times.total = threadCpuSeconds() - start;
      times.faults = tide::bench::threadMinorFaults() - faultsBefore;
      problems = object.problems.size();
      if (round == 0) firstObject = std::move(object.bytes);
    }
    buildObject(module, withDebug, times.code, times.finish);
    double ignored = 0;
    buildObject(module, withoutDebug, ignored, times.finishWithoutDebug);
    if (round == 0) first = times;
    if (round == 0 || times.total < best.total) {
      best.total = times.total;
      best.faults = times.faults;
    }
    best.code = round == 0 ? times.code : std::min(best.code, times.code);
    best.finish = round == 0 ? times.finish : std::min(best.finish, times.finish);
    best.finishWithoutDebug = round == 0
                                  ? times.finishWithoutDebug
                                  : std::min(best.finishWithoutDebug, times.finishWithoutDebug);
  }
  if (!writePath.empty()) {
    std::ofstream out(writePath, std::ios::binary);
    out.write(reinterpret_cast<const char*>(firstObject.data()),
              static_cast<std::streamsize>(firstObject.size()));
    if (!out) {
      std::fprintf(stderr, "tide-codegen-bench: cannot write %s\n", writePath.c_str());
      return 2;
    }
  }
  std::printf("%zu functions, %zu IR instructions; front end %.2f ms (once)\n",
              module.functions.size(), instructions, frontSeconds * 1e3);
  std::printf("compileToObject, debug info on: best of %d rounds (thread CPU time)\n", rounds);
  std::printf("  total          %8.2f ms\n", best.total * 1e3);
  std::printf("  code           %8.2f ms  (constructor + addFunction: isel, encoding, rows)\n",
              best.code * 1e3);
  std::printf("  finish         %8.2f ms  (strings, symbols, DWARF, ELF bytes)\n",
              best.finish * 1e3);
  std::printf("  finish, no debug %6.2f ms  (so DWARF ~ %.2f ms)\n", best.finishWithoutDebug * 1e3,
              (best.finish - best.finishWithoutDebug) * 1e3);
  std::printf("  page faults    %8ld  (best round)\n", best.faults);
  std::printf(
      "  first round    %8.2f ms  (code %.2f, finish %.2f; %ld page faults: as in `tide build`)\n",
      first.total * 1e3, first.code * 1e3, first.finish * 1e3, first.faults);
  if (problems) std::printf("  problems       %8zu\n", problems);
  printSections(firstObject);
  std::printf("  peak RSS  %ld KB (after the front end: %ld KB)\n", peakRssKb(), frontRss);
  return 0;
}
