// Case discovery: walk the roots, pair each .toy with its sidecars, and name
// cases by their path relative to the root's parent folder kind (cases/ or
// err/) so names are stable across machines and sort deterministically —
// sharding depends on that order.
#include "batch/corpus.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace tide::batch {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> nonEmptyLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The .skip files of each directory, listed once per discovery (listing the
// directory per case made discovery quadratic in the corpus size).
using SkipFiles = std::map<fs::path, std::vector<fs::path>>;

const std::vector<fs::path>& skipFilesIn(const fs::path& directory, SkipFiles& cache) {
  const auto found = cache.find(directory);
  if (found != cache.end()) return found->second;
  std::vector<fs::path>& files = cache[directory];
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error))
    if (entry.path().extension() == ".skip") files.push_back(entry.path());
  return files;
}

// NAME.LANE.skip beside NAME.toy: lane -> first line of the file.
void readSkipSidecars(const fs::path& source, Case& testCase, SkipFiles& cache) {
  const std::string stem = source.stem().string() + ".";
  for (const fs::path& path : skipFilesIn(source.parent_path(), cache)) {
    const std::string file = path.filename().string();
    if (file.size() <= stem.size() + 5 || file.rfind(stem, 0) != 0 || !file.ends_with(".skip"))
      continue;
    const std::string lane = file.substr(stem.size(), file.size() - stem.size() - 5);
    if (lane.find('.') != std::string::npos) continue;  // another case's sidecar
    const std::string text = readFile(path).value_or("");
    const std::string firstLine = text.substr(0, text.find('\n'));
    testCase.skipReasons[lane] = trimmed(firstLine).empty() ? "skipped" : trimmed(firstLine);
  }
}

void loadCase(const fs::path& source, const std::string& name, CaseKind kind, Discovery& out,
              SkipFiles& skips) {
  Case testCase;
  testCase.name = name;
  testCase.kind = kind;
  testCase.source = source;
  const auto sidecar = [&](const char* extension) {
    return readFile(fs::path(source).replace_extension(extension));
  };
  if (const auto diag = sidecar(".diag")) {
    testCase.kind = CaseKind::CompileError;
    testCase.expectedDiagnostics = nonEmptyLines(*diag);
  }
  if (testCase.kind == CaseKind::Run) {
    if (const auto expected = sidecar(".expected")) {
      const std::string value = trimmed(*expected);
      char* end = nullptr;
      const long status = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') {
        out.errors.push_back(name + ": malformed .expected '" + value + "'");
        return;
      }
      testCase.expectedStatus = static_cast<int>(status & 0xFF);
    }
    testCase.expectedStdout = sidecar(".stdout");
    if (const auto backtrace = sidecar(".backtrace"))
      for (const std::string& line : nonEmptyLines(*backtrace))
        testCase.expectedBacktrace.push_back(trimmed(line));
  }
  readSkipSidecars(source, testCase, skips);
  out.cases.push_back(std::move(testCase));
}

// Name of a case: "<kind folder>/<path below it>", kind folder being cases/
// or err/ when the file sits below one, else the root directory's name.
std::string caseName(const fs::path& source, const fs::path& base, const std::string& prefix) {
  fs::path relative = source.lexically_relative(base);
  relative.replace_extension();
  return prefix.empty() ? relative.generic_string() : prefix + "/" + relative.generic_string();
}

void walkDirectory(const fs::path& base, const std::string& prefix, CaseKind kind, Discovery& out,
                   SkipFiles& skips) {
  std::error_code error;
  std::vector<fs::path> sources;
  for (fs::recursive_directory_iterator
           it(base, fs::directory_options::skip_permission_denied, error),
       end;
       it != end; it.increment(error)) {
    if (error) break;
    if (it->is_regular_file() && it->path().extension() == ".toy") sources.push_back(it->path());
  }
  if (error) out.errors.push_back(base.string() + ": " + error.message());
  for (const fs::path& source : sources) {
    CaseKind caseKind = kind;
    if (source.parent_path().filename() == "err") caseKind = CaseKind::CompileError;
    loadCase(source, caseName(source, base, prefix), caseKind, out, skips);
  }
}

std::string folderName(const fs::path& directory) {
  const fs::path normal = fs::absolute(directory).lexically_normal();
  const std::string name = normal.filename().string();
  return name.empty() ? normal.parent_path().filename().string() : name;
}

// With several roots, a structured root's cases are named "<root>/cases/..."
// so that two corpora's cases/fib stay two cases.
void discoverRoot(const fs::path& root, bool prefixWithRoot, Discovery& out, SkipFiles& skips) {
  std::error_code error;
  if (fs::is_regular_file(root, error)) {
    const std::string parent = root.parent_path().filename().string();
    const CaseKind kind = parent == "err" ? CaseKind::CompileError : CaseKind::Run;
    loadCase(root, caseName(root, root.parent_path(), parent), kind, out, skips);
    return;
  }
  if (!fs::is_directory(root, error)) {
    out.errors.push_back(root.string() + ": no such file or directory");
    return;
  }
  const bool structured = fs::is_directory(root / "cases") || fs::is_directory(root / "err");
  if (structured) {
    const std::string prefix = prefixWithRoot ? folderName(root) + "/" : "";
    if (fs::is_directory(root / "cases"))
      walkDirectory(root / "cases", prefix + "cases", CaseKind::Run, out, skips);
    if (fs::is_directory(root / "err"))
      walkDirectory(root / "err", prefix + "err", CaseKind::CompileError, out, skips);
    return;
  }
  const std::string name = folderName(root);
  walkDirectory(root, name, name == "err" ? CaseKind::CompileError : CaseKind::Run, out, skips);
}

}  // namespace

Discovery discoverCases(const std::vector<fs::path>& roots) {
  Discovery out;
  SkipFiles skips;
  for (const fs::path& root : roots) discoverRoot(root, roots.size() > 1, out, skips);
  // The same file reached twice (overlapping roots) runs once, under the
  // name its first root gave it.
  std::set<fs::path> seenFiles;
  std::vector<Case> unique;
  for (Case& testCase : out.cases) {
    std::error_code error;
    const fs::path file = fs::weakly_canonical(testCase.source, error);
    if (seenFiles.insert(error ? testCase.source : file).second)
      unique.push_back(std::move(testCase));
  }
  std::sort(unique.begin(), unique.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  for (std::size_t i = 1; i < unique.size(); ++i)
    if (unique[i].name == unique[i - 1].name)
      out.errors.push_back("two cases named " + unique[i].name + ": " +
                           unique[i - 1].source.string() + " and " + unique[i].source.string());
  out.cases = std::move(unique);
  return out;
}

std::vector<Case> filterCases(std::vector<Case> cases, const std::string& substring) {
  if (substring.empty()) return cases;
  std::erase_if(cases, [&](const Case& c) { return c.name.find(substring) == std::string::npos; });
  return cases;
}

}  // namespace tide::batch
