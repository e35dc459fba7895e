// Case discovery (app/batch/corpus.h) over tests/batch/corpus and scratch
// directories: kinds, sidecars, skip reasons, flat directories, filtering.
#include <catch2/catch.hpp>

#include <fstream>

#include "../batch/batch_test_support.h"
#include "batch/corpus.h"

using namespace tide::batch;
using namespace tide::batch::testing;

namespace {

const Case* findCase(const Discovery& discovery, const std::string& name) {
  for (const Case& c : discovery.cases)
    if (c.name == name) return &c;
  return nullptr;
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("discovery pairs every case with its sidecars", "[batch][corpus]") {
  const Discovery discovery = discoverCases({toyCorpus()});
  CHECK(discovery.errors.empty());
  CHECK(discovery.cases.size() == 14);

  const Case* stdoutCase = findCase(discovery, "cases/pass_stdout");
  REQUIRE(stdoutCase);
  CHECK(stdoutCase->kind == CaseKind::Run);
  CHECK(stdoutCase->expectedStatus == 0);
  REQUIRE(stdoutCase->expectedStdout);
  CHECK(*stdoutCase->expectedStdout == "hello 42\n");

  const Case* crash = findCase(discovery, "cases/crash_backtrace");
  REQUIRE(crash);
  CHECK(crash->expectedStatus == 139);
  CHECK(crash->expectedBacktrace == std::vector<std::string>{"bt_leaf", "bt_middle", "main"});

  const Case* error = findCase(discovery, "err/expected_error");
  REQUIRE(error);
  CHECK(error->kind == CaseKind::CompileError);
  CHECK(error->expectedDiagnostics == std::vector<std::string>{"expected_error.toy:3:", "error:"});

  const Case* skipped = findCase(discovery, "cases/skipped");
  REQUIRE(skipped);
  CHECK(skipped->skipReasons.size() == 3);
  CHECK(skipped->skipReasons.at("jit-O0") == "exercises the skip sidecar");
}

TEST_CASE("cases come sorted by name, each once, even when roots overlap", "[batch][corpus]") {
  const Discovery discovery =
      discoverCases({toyCorpus(), toyCorpus() / "cases/pass_exit.toy", toyCorpus() / "err"});
  CHECK(discovery.errors.empty());
  REQUIRE(discovery.cases.size() == 14);
  for (std::size_t i = 1; i < discovery.cases.size(); ++i)
    CHECK(discovery.cases[i - 1].name < discovery.cases[i].name);
}

TEST_CASE("a flat directory names cases after itself and .diag marks error cases",
          "[batch][corpus]") {
  ScratchDirectory scratch;
  writeFile(scratch / "flat/a.toy", "");
  writeFile(scratch / "flat/a.expected", "300\n");  // masked to 8 bits: 44
  writeFile(scratch / "flat/b.toy", "");
  writeFile(scratch / "flat/b.diag", "error: x\n\n");
  writeFile(scratch / "flat/c.toy", "");
  writeFile(scratch / "flat/c.interp.skip", "\n");
  const Discovery discovery = discoverCases({scratch / "flat"});
  CHECK(discovery.errors.empty());
  REQUIRE(discovery.cases.size() == 3);
  CHECK(discovery.cases[0].name == "flat/a");
  CHECK(discovery.cases[0].expectedStatus == 44);
  CHECK(discovery.cases[1].kind == CaseKind::CompileError);
  CHECK(discovery.cases[1].expectedDiagnostics == std::vector<std::string>{"error: x"});
  CHECK(discovery.cases[2].skipReasons.at("interp") == "skipped");
}

TEST_CASE("a missing root and a malformed .expected are reported, not ignored", "[batch][corpus]") {
  ScratchDirectory scratch;
  writeFile(scratch / "cases/bad.toy", "");
  writeFile(scratch / "cases/bad.expected", "three\n");
  const Discovery discovery = discoverCases({scratch.path, scratch / "nowhere"});
  REQUIRE(discovery.errors.size() == 2);
  CHECK(discovery.errors[0].find("malformed .expected") != std::string::npos);
  CHECK(discovery.errors[1].find("no such file") != std::string::npos);
}

TEST_CASE("the filter keeps the cases whose name contains the substring", "[batch][corpus]") {
  const std::vector<Case> kept = filterCases(discoverCases({toyCorpus()}).cases, "wrong_");
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].name == "cases/wrong_status");
  CHECK(kept[1].name == "cases/wrong_stdout");
}

TEST_CASE("two corpora given together keep their cases apart by root name", "[batch][corpus]") {
  const Discovery discovery = discoverCases({shellCorpus(), toyCorpus()});
  CHECK(discovery.errors.empty());
  CHECK(discovery.cases.size() == 17 + 14);
  CHECK(discovery.cases.front().name == "corpus/cases/crash_backtrace");
  CHECK(discovery.cases.back().name == "sh-corpus/err/wrong_diagnostic");
}

TEST_CASE("two different files that would share a name are an error", "[batch][corpus]") {
  ScratchDirectory scratch;
  writeFile(scratch / "a/flat/x.toy", "");
  writeFile(scratch / "b/flat/x.toy", "");
  const Discovery discovery = discoverCases({scratch / "a/flat", scratch / "b/flat"});
  REQUIRE(discovery.errors.size() == 1);
  CHECK(discovery.errors[0].rfind("two cases named flat/x", 0) == 0);
}
