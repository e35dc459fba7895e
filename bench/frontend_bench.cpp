// tide-frontend-bench: the front end's library path timed in-process, so the
// start-up of the `tide` executable (Qt, LLDB: ~18 ms) does not hide it.
// Reads each FILE once, then per round runs parse (lex+parse), analyze
// (names, types, constants) and lower to IR, timing each phase with the
// thread's CPU clock, and last the whole compileSources() driver.
//
//     tide-frontend-bench [--rounds N] [--phases-only | --driver-only] FILE...
//     tide-frontend-bench --ir FILE...      (prints what `tide ir` prints)
//
// Prints the best round of each phase (ms), lines/s for lex+parse+check+lower,
// the same with check and lower in one pass (each function lowered right after
// its check, as compileSources() does) and the peak resident set size.
#include <sys/mman.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_clock.h"
#include "tide/core/compile.h"
#include "tide/core/internal/lower.h"
#include "tide/core/internal/parser.h"
#include "tide/core/internal/sema.h"

namespace {

using tide::bench::threadCpuSeconds;

struct PhaseTimes {
  double parse = 0, analyze = 0, lower = 0, driver = 0, driverInPlace = 0;
  double checkAndLower = 0;  // analysis lowering each function after its check (as the driver does)
  size_t instructions = 0, blocks = 0, slots = 0, astBytes = 0, irBytes = 0;
  long driverFaults = 0;  // page faults in the compileSources() round (--driver-only)
};

bool gRunDriver = true;    // --phases-only: skip the compileSources() round (for profiling)
bool gDriverOnly = false;  // --driver-only: only the compileSources() round (for profiling)

// One round through the phases by hand (as compileSources does, minus the
// optional verifier), then the driver itself.
PhaseTimes runRound(const std::vector<tide::core::SourceFile>& files) {
  using namespace tide::core;
  PhaseTimes times;
  if (gDriverOnly) {
    const long faultsBefore = tide::bench::threadMinorFaults();
    const double start = threadCpuSeconds();
    CompileResult result = compileSources(files);
    times.driver = threadCpuSeconds() - start;
    times.driverFaults = tide::bench::threadMinorFaults() - faultsBefore;
    if (!result.ok()) std::exit(1);
    return times;
  }
  SourceManager sources;
  for (const SourceFile& file : files) sources.addFile(file.name, file.text);
  DiagnosticSink sink;
  tide::ir::Module module;
  Arena arena;
  double start = threadCpuSeconds();
  std::vector<FileAst> asts;
  for (uint32_t file = 0; file < sources.fileCount(); ++file)
    asts.push_back(parseFile(file, sources.text(file), arena, sink));
  double parsed = threadCpuSeconds();
  CheckedProgram program = analyzeProgram(asts, module.types, arena, sink);
  double analyzed = threadCpuSeconds();
  if (sink.hasErrors()) {
    std::fprintf(stderr, "tide-frontend-bench: the input has errors:\n%s",
                 formatDiagnostics(sources, sink.diagnostics()).c_str());
    std::exit(1);
  }
  lowerProgram(program, sources, module);
  double lowered = threadCpuSeconds();
  times.parse = parsed - start;
  times.analyze = analyzed - parsed;
  times.lower = lowered - analyzed;
  times.astBytes = arena.bytesReserved();
  for (const tide::ir::Function& function : module.functions) {
    times.blocks += function.blocks.size();
    times.slots += function.slots.size();
    times.irBytes += function.blocks.capacity() * sizeof(tide::ir::Block) +
                     function.slots.capacity() * sizeof(tide::ir::Slot) +
                     function.valueTypes.capacity() * sizeof(tide::ir::TypeId) +
                     function.instrs.capacity() * sizeof(tide::ir::Instr) +
                     function.calls.capacity() * sizeof(tide::ir::CallSite) +
                     function.callArguments.capacity() * sizeof(tide::ir::CallArgument);
    for (const tide::ir::Block& block : function.blocks) times.instructions += block.instrCount;
  }
  {
    // The driver's way: one pass, each function lowered right after its check.
    DiagnosticSink fusedSink;
    tide::ir::Module fusedModule;
    Arena fusedArena;
    std::vector<FileAst> fusedAsts;
    for (uint32_t file = 0; file < sources.fileCount(); ++file)
      fusedAsts.push_back(parseFile(file, sources.text(file), fusedArena, fusedSink));
    double fusedStart = threadCpuSeconds();
    IncrementalLowering lowering(sources, fusedModule);
    analyzeProgram(fusedAsts, fusedModule.types, fusedArena, fusedSink, &lowering);
    times.checkAndLower = threadCpuSeconds() - fusedStart;
  }
  if (!gRunDriver) return times;
  {
    // The driver with every body parsed in place (the AST of the whole
    // program in memory at once), for comparison.
    CompileOptions inPlace;
    inPlace.deferBodies = false;
    double start = threadCpuSeconds();
    CompileResult result = compileSources(files, inPlace);
    times.driverInPlace = threadCpuSeconds() - start;
    if (!result.ok()) std::exit(1);
  }
  double driverStart = threadCpuSeconds();
  CompileResult result = compileSources(files);
  times.driver = threadCpuSeconds() - driverStart;
  if (!result.ok()) std::exit(1);
  return times;
}

}  // namespace

// --ir FILE...: what `tide ir` prints (diagnostics on stderr, IR on stdout),
// so that a change to the front end can be checked to leave its output alone.
int printIr(int argc, char** argv) {
  std::vector<std::string> paths(argv + 2, argv + argc);
  tide::core::CompileResult result = tide::core::compileFiles(paths);
  std::string diagnostics = tide::core::formatDiagnostics(result);
  std::fwrite(diagnostics.data(), 1, diagnostics.size(), stderr);
  if (!result.module) return 1;
  std::string text = tide::ir::printModule(*result.module);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

// --fault-cost: what one fresh page costs this machine (touching 40 MB of
// new anonymous memory, microseconds per 4 KiB page), to read the fresh-
// process figure by: the VMs here have measured 1.4 to 8 us.
int printFaultCost() {
  constexpr size_t kBytes = size_t{40} << 20, kPage = 4096;
  void* memory = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return 1;
  const double start = tide::bench::threadCpuSeconds();
  for (size_t at = 0; at < kBytes; at += kPage) static_cast<volatile char*>(memory)[at] = 1;
  const double seconds = tide::bench::threadCpuSeconds() - start;
  std::printf("page fault cost %.2f us per 4 KiB page\n", seconds * 1e6 / (kBytes / kPage));
  munmap(memory, kBytes);
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--ir") == 0) return printIr(argc, argv);
  if (argc > 1 && std::strcmp(argv[1], "--fault-cost") == 0) return printFaultCost();
  int rounds = 5;
  std::vector<tide::core::SourceFile> files;
  size_t lines = 0, inputBytes = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--phases-only") == 0) {
      gRunDriver = false;
      continue;
    }
    if (std::strcmp(argv[i], "--driver-only") == 0) {
      gDriverOnly = true;
      continue;
    }
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "tide-frontend-bench: cannot read %s\n", argv[i]);
      return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({argv[i], text.str()});
    inputBytes += files.back().text.size();
    lines +=
        static_cast<size_t>(std::count(files.back().text.begin(), files.back().text.end(), '\n'));
  }
  if (files.empty()) {
    std::fprintf(
        stderr,
        "usage: tide-frontend-bench [--rounds N] [--phases-only | --driver-only] FILE...\n");
    return 2;
  }
  PhaseTimes best = runRound(files);
  for (int round = 1; round < rounds; ++round) {
    PhaseTimes times = runRound(files);
    best.parse = std::min(best.parse, times.parse);
    best.analyze = std::min(best.analyze, times.analyze);
    best.lower = std::min(best.lower, times.lower);
    if (times.driver < best.driver) best.driverFaults = times.driverFaults;
    best.driver = std::min(best.driver, times.driver);
    best.driverInPlace = std::min(best.driverInPlace, times.driverInPlace);
    best.checkAndLower = std::min(best.checkAndLower, times.checkAndLower);
  }
  if (gDriverOnly) {
    std::printf(
        "lines %zu  rounds %d\n  compileSources() %8.2f ms  %12.0f lines/s  %ld page faults\n",
        lines, rounds, best.driver * 1e3, lines / best.driver, best.driverFaults);
    return 0;
  }
  double total = best.parse + best.analyze + best.lower;
  std::printf("lines %zu  rounds %d (best CPU time of each phase)\n", lines, rounds);
  std::printf("  lex+parse %8.2f ms\n  check     %8.2f ms\n  lower     %8.2f ms\n",
              best.parse * 1e3, best.analyze * 1e3, best.lower * 1e3);
  std::printf("  total     %8.2f ms  %12.0f lines/s\n", total * 1e3, lines / total);
  double onePass = best.parse + best.checkAndLower;
  std::printf("  check+lower in one pass %8.2f ms (each function lowered after its check)\n",
              best.checkAndLower * 1e3);
  std::printf("  total, one pass  %8.2f ms  %12.0f lines/s\n", onePass * 1e3, lines / onePass);
  if (gRunDriver) {
    std::printf("  compileSources(), bodies in place %8.2f ms  %12.0f lines/s\n",
                best.driverInPlace * 1e3, lines / best.driverInPlace);
    std::printf("  compileSources() %8.2f ms  %12.0f lines/s\n", best.driver * 1e3,
                lines / best.driver);
  }
  std::printf("  IR: %zu instructions, %zu blocks, %zu slots\n", best.instructions, best.blocks,
              best.slots);
  std::printf("  memory: AST arena %.1f MB, IR vectors %.1f MB (input %.1f MB)\n",
              best.astBytes / 1e6, best.irBytes / 1e6, inputBytes / 1e6);
  std::printf("  peak RSS  %ld KB\n", tide::bench::peakRssKb());
  return 0;
}
