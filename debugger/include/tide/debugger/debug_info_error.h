// Errors and expected-or-error results of the binary readers (ELF, DWARF).
// Every error names the section it was found in and the byte offset inside
// that section (or the file offset for "ELF" errors), like LLVM's DWARF
// reader does, so a message on a corrupt file points at the bad byte.
// C++20 has no std::expected; Expected<T> is the small subset we need.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace tide::debugger {

struct DebugInfoError {
  std::string section;       // ".debug_line", ".debug_info", "ELF" (file offsets), ...
  std::uint64_t offset = 0;  // byte offset within `section`
  std::string message;       // what was wrong, without the location

  // "<section> at offset 0x<hex>: <message>"
  std::string text() const;
};

template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(DebugInfoError error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const DebugInfoError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, DebugInfoError> state_;
};

}  // namespace tide::debugger
