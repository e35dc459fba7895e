// A bounds-checked little-endian reader over one section's bytes, in the
// manner of LLVM's DataExtractor::Cursor: the first failed read records an
// error (section + offset) and every later read returns 0, so a parser can
// read a whole record and check once. Nothing ever reads past the span.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tide/debugger/debug_info_error.h"

namespace tide::debugger {

class DataCursor {
 public:
  DataCursor(std::span<const std::uint8_t> data, std::string_view section, std::uint64_t offset = 0)
      : data_(data), section_(section), offset_(offset) {}

  std::uint64_t offset() const { return offset_; }
  std::uint64_t size() const { return data_.size(); }
  bool atEnd() const { return offset_ >= data_.size(); }
  bool failed() const { return error_.has_value(); }
  std::string_view section() const { return section_; }
  std::span<const std::uint8_t> data() const { return data_; }

  // Moves to `offset`; past the end is an error.
  void seek(std::uint64_t offset);
  // Restricts reads to end before `end` (a unit's end), keeping the offset.
  void limitTo(std::uint64_t end);

  std::uint8_t u8();
  std::uint16_t u16();
  std::uint32_t u32();
  std::uint64_t u64();
  std::uint64_t unsignedOfSize(unsigned byteCount);  // 1, 2, 3, 4 or 8
  std::int64_t signedOfSize(unsigned byteCount);     // sign-extended
  std::uint64_t uleb128();
  std::int64_t sleb128();
  // A NUL-terminated string; the NUL must lie inside the data.
  std::string_view cstring();
  std::span<const std::uint8_t> bytes(std::uint64_t count);
  void skip(std::uint64_t count) { (void)bytes(count); }

  // Records `message` at the current offset unless an error is already set.
  void fail(std::string message);
  void failAt(std::uint64_t offset, std::string message);
  // The recorded error; only meaningful when failed().
  const DebugInfoError& error() const { return *error_; }
  DebugInfoError takeError() const { return *error_; }

 private:
  bool canRead(std::uint64_t count, const char* what);

  std::span<const std::uint8_t> data_;
  std::string section_;
  std::uint64_t offset_;
  std::optional<DebugInfoError> error_;
};

}  // namespace tide::debugger
