// The AST arena: nodes from a region mapped ahead on another thread
// (populateAhead) behave like any others, and running past the region falls
// back to ordinary blocks.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <vector>

#include "tide/core/internal/ast.h"

using namespace tide::core;

TEST_CASE("Nodes outlast the region mapped ahead and stay intact", "[arena]") {
  Arena arena;
  arena.populateAhead(size_t{4} << 20);  // 4 MiB: the smallest size it takes
  std::vector<uint64_t*> blocks;
  // 12 MiB in 4 KiB pieces: a third from the region, the rest from blocks.
  for (uint64_t i = 0; i < 3 * 1024; ++i) {
    auto* block = static_cast<uint64_t*>(arena.allocate(4096, 8));
    REQUIRE(block != nullptr);
    std::memset(block, 0, 4096);
    block[0] = i;
    block[511] = ~i;
    blocks.push_back(block);
  }
  for (uint64_t i = 0; i < blocks.size(); ++i) {
    CHECK(blocks[i][0] == i);
    CHECK(blocks[i][511] == ~i);
  }
  CHECK(arena.bytesReserved() >= (size_t{12} << 20));
}

TEST_CASE("A small region is not worth a thread", "[arena]") {
  Arena arena;
  arena.populateAhead(size_t{1} << 20);
  CHECK(arena.bytesReserved() == 0);  // nothing taken yet: below 4 MiB it does nothing
  Expr* expr = arena.make<Expr>();
  CHECK(expr->kind == ExprKind::Error);
}
