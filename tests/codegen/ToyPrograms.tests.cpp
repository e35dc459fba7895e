// Whole Toy programs through the AOT path: compiled by core, code-generated
// here, linked by the system `cc`, run; exit status and stdout checked.
#include <catch2/catch.hpp>

#include "codegen_test_support.h"

using namespace tide::codegen::testing;

namespace {

CommandResult buildAndRun(const std::string& name, const std::string& source) {
  const BuiltProgram built = buildToyProgram(name, source);
  INFO(built.diagnostics << built.linkOutput);
  REQUIRE(built.diagnostics.empty());
  REQUIRE(built.linked);
  return runCommand(built.executablePath);
}

}  // namespace

TEST_CASE("the spec's sum-of-squares example prints and exits with 29", "[toy]") {
  const CommandResult run = buildAndRun("spec_example", R"(
extern fn printf(fmt: *u8, ...): i32;

struct Acc { total: i64, count: i32 }

fn @[.noinline] add(acc: *Acc, v: i64) {
    acc.total += v * v;
    acc.count += 1;
}

fn main(): i32 {
    var acc = Acc { total: 0, count: 0 };
    for i in 0..10 { add(&acc, i); }
    printf("total=%ld count=%d\n", acc.total, acc.count);
    return (acc.total % 256) as i32;
}
)");
  CHECK(run.status == 29);
  CHECK(run.output == "total=285 count=10\n");
}
