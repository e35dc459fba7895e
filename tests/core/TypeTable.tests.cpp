// ir::TypeTable keeps its types in chunks that never move (a code generator
// thread reads them while the front end adds more): ids, interning, struct
// layout and copies must behave as a plain array would, across many chunks.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "tide/core/ir.h"

using namespace tide;
using ir::TypeTable;

TEST_CASE("Thousands of types stay where they were made", "[types]") {
  TypeTable types;
  std::vector<ir::TypeId> arrays;
  std::vector<const ir::Type*> addresses;
  for (uint64_t count = 1; count <= 3000; ++count) {
    arrays.push_back(types.arrayOf(count, TypeTable::kI32));
    addresses.push_back(&types.get(arrays.back()));
  }
  for (uint64_t count = 1; count <= 3000; ++count) {
    const ir::TypeId id = arrays[count - 1];
    CHECK(&types.get(id) == addresses[count - 1]);  // never moved by later types
    CHECK(types.get(id).count == count);
    CHECK(types.get(id).size == count * 4);
    CHECK(types.arrayOf(count, TypeTable::kI32) == id);  // interned, not made again
  }
  CHECK(types.name(arrays[41]) == "[42]i32");
  CHECK(types.pointerTo(arrays[7]) == types.pointerTo(arrays[7]));
  CHECK(types.name(types.pointerTo(arrays[7])) == "*[8]i32");
}

TEST_CASE("A copied type table is equal and independent", "[types]") {
  TypeTable types;
  const ir::TypeId point = types.declareStruct("Point");
  types.setStructFields(point, {{"x", TypeTable::kI8, 0}, {"y", TypeTable::kI64, 0}});
  for (uint64_t count = 1; count <= 200; ++count) types.arrayOf(count, point);
  TypeTable copy = types;
  REQUIRE(copy.count() == types.count());
  for (ir::TypeId id = 0; id < types.count(); ++id) CHECK(copy.name(id) == types.name(id));
  CHECK(copy.get(point).size == 16);
  CHECK(copy.get(point).fields[1].offset == 8);
  copy.arrayOf(5000, TypeTable::kU8);
  CHECK(copy.count() == types.count() + 1);
  TypeTable moved = std::move(copy);
  CHECK(moved.count() == types.count() + 1);
  CHECK(moved.name(static_cast<ir::TypeId>(moved.count() - 1)) == "[5000]u8");
}

TEST_CASE("A reader thread sees complete types while more are added", "[types]") {
  TypeTable types;
  const ir::TypeId first = types.arrayOf(1, TypeTable::kU64);
  int wrong = 0;  // (Catch2 assertions are for one thread at a time)
  std::thread reader([&] {
    // Reads only what existed before it started, as the code generator does.
    for (int round = 0; round < 2000; ++round)
      if (types.get(first).size != 8 || !types.isAggregate(first)) ++wrong;
  });
  for (uint64_t count = 2; count <= 5000; ++count) types.arrayOf(count, TypeTable::kU64);
  reader.join();
  CHECK(wrong == 0);
  CHECK(types.count() > 5000);
}
