// Sema's name table: every name inserted is found again with its own value,
// through growth; values never move; the hash and comparison see exactly the
// name's bytes (names that differ only past 8 or 16 bytes, or only in
// length, stay apart).
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tide/core/internal/name_table.h"

using namespace tide::core;

TEST_CASE("An empty table finds nothing", "[names]") {
  NameTable<int> table;
  CHECK(table.find("x") == nullptr);
  CHECK(table.find("") == nullptr);
  CHECK(table.size() == 0);
}

TEST_CASE("Every name is found with its own value through growth, at a fixed address", "[names]") {
  // Names of every length from 1 to 40, many sharing long prefixes and
  // suffixes, so that the two-load hash and comparison are exercised at each
  // boundary (4, 8, 16 bytes).
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) {
    const std::string digits = std::to_string(i);
    const std::size_t length = 1 + static_cast<std::size_t>(i) % 40;
    std::string name(length, 'a');
    for (std::size_t k = 0; k < digits.size() && k < length; ++k)
      name[(i % 2 == 0) ? k : length - 1 - k] = digits[k];
    names.push_back(name);
  }
  NameTable<std::vector<int>> table;
  std::unordered_map<std::string, int> reference;  // name -> first index
  std::vector<std::vector<int>*> addresses;
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    std::vector<int>& value = table[names[i]];
    value.push_back(i);
    addresses.push_back(&value);
    reference.try_emplace(names[i], i);
  }
  CHECK(table.size() == reference.size());
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    std::vector<int>* found = table.find(names[i]);
    REQUIRE(found != nullptr);
    CHECK(found == addresses[i]);  // the address it had when made
    CHECK(found->front() == reference.at(names[i]));
  }
  CHECK(table.find("not-a-name") == nullptr);
  CHECK(table.find(std::string(41, 'a')) == nullptr);
}

TEST_CASE("Names equal up to a length or a late byte are different names", "[names]") {
  NameTable<int> table;
  const std::string_view names[] = {"a",
                                    "ab",
                                    "abc",
                                    "abcd",
                                    "abcde",
                                    "abcdefgh",
                                    "abcdefgi",
                                    "abcdefghi",
                                    "abcdefghij",
                                    "abcdefghijklmnop",
                                    "abcdefghijklmnoq",
                                    "abcdefghijklmnopq",
                                    "xbcdefghijklmnopq",
                                    "abcdefghijklmnopqrstuvwxyz0123456789",
                                    "abcdefghijklmnopqrstuvwxyz0123456788",
                                    "abcdefghijklXnopqrstuvwxyz0123456789"};
  int next = 1;
  for (std::string_view name : names) table[name] = next++;
  next = 1;
  for (std::string_view name : names) {
    const int* found = table.find(name);
    REQUIRE(found != nullptr);
    CHECK(*found == next++);
  }
  CHECK(table.find("abcdefg") == nullptr);
  CHECK(table.find("abcdefghijklmno") == nullptr);
}
