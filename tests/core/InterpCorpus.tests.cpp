// The run-case corpus (tests/corpus/cases, spec section 11) in the interp
// lane, in-process: every case's exit status, its stdout when NAME.stdout
// exists, and its backtrace names when NAME.backtrace exists must match.
// `tide run --interp` and the batch engine run the same interpret() call.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tide/core/compile.h"
#include "tide/core/interpreter.h"

namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) result.push_back(line);
  return result;
}

struct CaseRun {
  std::string diagnostics;
  tide::core::InterpretResult result;
  std::string output;
};

CaseRun runCase(const fs::path& source) {
  CaseRun run;
  const tide::core::CompileResult compiled = tide::core::compileFiles({source.string()});
  if (!compiled.ok()) {
    run.diagnostics = tide::core::formatDiagnostics(compiled);
    run.result.exitStatus = -1;
    return run;
  }
  std::fflush(stdout);
  std::FILE* capture = std::tmpfile();
  const int savedStdout = dup(1);
  dup2(fileno(capture), 1);
  run.result = tide::core::interpret(*compiled.module, {source.filename().string()});
  std::fflush(stdout);
  dup2(savedStdout, 1);
  close(savedStdout);
  std::rewind(capture);
  char buffer[4096];
  for (size_t count; (count = std::fread(buffer, 1, sizeof buffer, capture)) > 0;)
    run.output.append(buffer, count);
  std::fclose(capture);
  return run;
}

}  // namespace

TEST_CASE("Every corpus case runs to its expected status, stdout and backtrace in the interpreter",
          "[interp][corpus]") {
  const fs::path cases = fs::path(TIDE_SOURCE_DIR) / "tests" / "corpus" / "cases";
  REQUIRE(fs::exists(cases));
  std::vector<fs::path> sources;
  for (const fs::directory_entry& entry : fs::directory_iterator(cases))
    if (entry.path().extension() == ".toy") sources.push_back(entry.path());
  std::sort(sources.begin(), sources.end());
  REQUIRE(!sources.empty());
  for (const fs::path& source : sources) {
    const std::string name = source.stem().string();
    const fs::path base = cases / name;
    if (fs::exists(base.string() + ".interp.skip")) continue;
    DYNAMIC_SECTION(name) {
      const CaseRun run = runCase(source);
      INFO(run.diagnostics);
      INFO(run.result.faultMessage);
      CHECK(run.result.exitStatus == std::stoi(readFile(base.string() + ".expected")));
      if (fs::exists(base.string() + ".stdout"))
        CHECK(run.output == readFile(base.string() + ".stdout"));
      if (fs::exists(base.string() + ".backtrace")) {
        std::vector<std::string> names;
        for (const tide::core::InterpretFrame& frame : run.result.backtrace)
          names.push_back(frame.function);
        CHECK(names == lines(readFile(base.string() + ".backtrace")));
      }
    }
  }
}
