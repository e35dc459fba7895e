// compileFiles / compileSources: the front-end driver, one step per stage.
#include "tide/core/compile.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "tide/core/internal/lower.h"
#include "tide/core/internal/parser.h"
#include "tide/core/internal/sema.h"

namespace tide::core {

namespace {

// Reads a whole regular file; on failure returns false with a reason.
bool readFile(const std::string& path, std::string& text, std::string& reason) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    reason = std::strerror(errno);
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    reason = "is a directory";
    return false;
  }
  if (info.st_size > 0x7FFFFFF0) {
    reason = "file is too large (limit 2 GiB)";
    return false;
  }
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    reason = std::strerror(errno);
    return false;
  }
  // Straight into the string, sized from stat (appending 64 KiB pieces
  // regrew and copied it, ~11% of `tide build`'s page faults on a 2.8 MB
  // file); what a growing file adds after the stat is appended.
  text.resize(static_cast<size_t>(info.st_size));
  size_t count = std::fread(text.data(), 1, text.size(), file);
  text.resize(count);
  char buffer[1 << 16];
  while ((count = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, count);
  bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) reason = "read error";
  if (!failed && text.size() > 0x7FFFFFF0) {
    reason = "file is too large (limit 2 GiB)";
    return false;
  }
  return !failed;
}

// One attempt at the compile. With deferBodies, function bodies are parsed
// as they are checked, each into reused memory (analyzeProgram): the AST
// of a large file is then never in memory at once (on the 100,000-line
// benchmark, 69 MB of nodes written and read back, a page fault per 4 KiB).
// Returns false if the attempt must be made again without deferring: that
// happens only for a program with a diagnostic in a body or an error (the
// order of the diagnostics is that of parsing everything first), and before
// the observer has heard of anything if the report came while parsing.
bool compileOnce(CompileResult& result, const CompileOptions& options, bool deferBodies) {
  DiagnosticSink sink;
  auto module = std::make_unique<ir::Module>();
  // The observer stops reading the module before it can be destroyed, on
  // every way out of here (an exception included).
  struct ObserverStop {
    LoweringObserver* observer;
    ~ObserverStop() {
      if (observer) observer->analysisFinished();
    }
  } observerStop{options.observer};
  Arena arena;
  if (options.populateAstAhead && !deferBodies) {
    // The AST takes ~25 bytes per source byte (69 MB for the 2.8 MB of the
    // 100,000-line benchmark); a little more is asked for.
    constexpr size_t kAstBytesPerSourceByte = 26;
    size_t sourceBytes = 0;
    for (uint32_t file = 0; file < result.sources.fileCount(); ++file)
      sourceBytes += result.sources.text(file).size();
    arena.populateAhead(sourceBytes * kAstBytesPerSourceByte);
  }
  // 1. Parse every file (its declarations, when the bodies are deferred).
  std::vector<FileAst> files;
  for (uint32_t file = 0; file < result.sources.fileCount(); ++file)
    files.push_back(parseFile(file, result.sources.text(file), arena, sink, deferBodies));
  if (deferBodies && sink.reportCount() > 0) return false;
  // 2. Analyze them together (one namespace), 3. lowering each function right
  // after its body is checked (its AST still in the cache); the module is
  // used only if analysis found no error.
  std::optional<IncrementalLowering> lowering;
  if (options.lowerToIr) lowering.emplace(result.sources, *module, options.observer);
  CheckedProgram program =
      analyzeProgram(files, module->types, arena, sink, lowering ? &*lowering : nullptr);
  if (options.observer) options.observer->analysisFinished();
  if (program.reparseWithoutDeferring) return false;
  result.diagnostics = std::move(sink.diagnostics());
  if (hasErrors(result.diagnostics) || !options.lowerToIr) return true;
  // 4. Verify.
  if (verifiesIr(options)) {
    for (const std::string& problem : ir::verifyModule(*module))
      result.diagnostics.push_back(
          {Severity::Error, {}, "internal compiler error: invalid IR: " + problem, "tide"});
    if (hasErrors(result.diagnostics)) return true;
  }
  result.module = std::move(module);
  result.observed = options.observer != nullptr;
  return true;
}

void compileRegistered(CompileResult& result, const CompileOptions& options) {
  if (result.sources.fileCount() > ir::kMaxFiles) {
    result.diagnostics.push_back(
        {Severity::Error,
         {},
         "too many source files: " + std::to_string(result.sources.fileCount()) + " (at most " +
             std::to_string(ir::kMaxFiles) + " in one program)",
         "tide"});
    return;
  }
  if (compileOnce(result, options, options.deferBodies)) return;
  // The observer has seen the first attempt's module go (analysisFinished);
  // this one it is not told of. (A program it is redone for has an error,
  // or a warning while parsing a body, which is rare.)
  CompileOptions again = options;
  again.observer = nullptr;
  compileOnce(result, again, false);
}

}  // namespace

bool verifiesIr(const CompileOptions& options) {
#ifdef NDEBUG
  return options.verify;
#else
  (void)options;
  return true;
#endif
}

CompileResult compileSources(const std::vector<SourceFile>& files, const CompileOptions& options) {
  CompileResult result;
  DiagnosticSink sink;
  for (const SourceFile& file : files) {
    if (file.text.size() > 0x7FFFFFF0) {
      sink.diagnostics().push_back(
          {Severity::Error, {}, "file is too large (limit 2 GiB)", file.name});
      result.diagnostics = std::move(sink.diagnostics());
      return result;
    }
    result.sources.addFile(file.name, file.text);
  }
  compileRegistered(result, options);
  return result;
}

CompileResult compileFiles(const std::vector<std::string>& paths, const CompileOptions& options) {
  CompileResult result;
  DiagnosticSink sink;
  bool unreadable = false;
  for (const std::string& path : paths) {
    std::string text, reason;
    if (!readFile(path, text, reason)) {
      sink.diagnostics().push_back({Severity::Error, {}, "cannot read file: " + reason, path});
      unreadable = true;
      continue;
    }
    result.sources.addFile(path, std::move(text));
  }
  if (paths.empty()) {
    sink.diagnostics().push_back({Severity::Error, {}, "no input files", "tide"});
    unreadable = true;
  }
  if (unreadable) {
    result.diagnostics = std::move(sink.diagnostics());
    return result;
  }
  compileRegistered(result, options);
  return result;
}

std::string formatDiagnostics(const CompileResult& result) {
  return formatDiagnostics(result.sources, result.diagnostics);
}

}  // namespace tide::core
