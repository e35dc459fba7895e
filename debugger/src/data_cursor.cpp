// Bounds-checked reads; see data_cursor.h. Overflow-safe: a count is compared
// with the bytes left, never added to the offset before the check.
#include "data_cursor.h"

#include <cstdio>

namespace tide::debugger {

void DataCursor::fail(std::string message) { failAt(offset_, std::move(message)); }

void DataCursor::failAt(std::uint64_t offset, std::string message) {
  if (!error_) error_ = DebugInfoError{section_, offset, std::move(message)};
}

bool DataCursor::canRead(std::uint64_t count, const char* what) {
  if (error_) return false;
  if (offset_ > data_.size() || count > data_.size() - offset_) {
    char message[96];
    std::snprintf(message, sizeof message, "unexpected end of data reading %s (%llu bytes)", what,
                  static_cast<unsigned long long>(count));
    fail(message);
    return false;
  }
  return true;
}

void DataCursor::seek(std::uint64_t offset) {
  if (error_) return;
  if (offset > data_.size()) {
    fail("offset 0x" + [&] {
      char text[24];
      std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(offset));
      return std::string(text);
    }() + " is past the end of the section");
    return;
  }
  offset_ = offset;
}

void DataCursor::limitTo(std::uint64_t end) {
  if (end < data_.size()) data_ = data_.first(end);
}

std::uint64_t DataCursor::unsignedOfSize(unsigned byteCount) {
  if (byteCount != 1 && byteCount != 2 && byteCount != 3 && byteCount != 4 && byteCount != 8) {
    fail("unsupported integer size " + std::to_string(byteCount));
    return 0;
  }
  if (!canRead(byteCount, "an integer")) return 0;
  std::uint64_t value = 0;
  for (unsigned i = 0; i < byteCount; ++i)
    value |= static_cast<std::uint64_t>(data_[offset_ + i]) << (8 * i);
  offset_ += byteCount;
  return value;
}

std::int64_t DataCursor::signedOfSize(unsigned byteCount) {
  std::uint64_t value = unsignedOfSize(byteCount);
  if (byteCount < 8) {
    std::uint64_t signBit = std::uint64_t{1} << (8 * byteCount - 1);
    value = (value ^ signBit) - signBit;
  }
  return static_cast<std::int64_t>(value);
}

std::uint8_t DataCursor::u8() { return static_cast<std::uint8_t>(unsignedOfSize(1)); }
std::uint16_t DataCursor::u16() { return static_cast<std::uint16_t>(unsignedOfSize(2)); }
std::uint32_t DataCursor::u32() { return static_cast<std::uint32_t>(unsignedOfSize(4)); }
std::uint64_t DataCursor::u64() { return unsignedOfSize(8); }

std::uint64_t DataCursor::uleb128() {
  std::uint64_t start = offset_;
  std::uint64_t value = 0;
  for (unsigned shift = 0;; shift += 7) {
    if (!canRead(1, "a ULEB128")) return 0;
    std::uint8_t byte = data_[offset_++];
    if (shift >= 64 || (shift == 63 && (byte & 0x7e) != 0)) {
      failAt(start, "ULEB128 value does not fit in 64 bits");
      return 0;
    }
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
}

std::int64_t DataCursor::sleb128() {
  std::uint64_t start = offset_;
  std::uint64_t value = 0;
  unsigned shift = 0;
  std::uint8_t byte = 0;
  do {
    if (!canRead(1, "a SLEB128")) return 0;
    byte = data_[offset_++];
    if (shift >= 64) {
      failAt(start, "SLEB128 value does not fit in 64 bits");
      return 0;
    }
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (shift < 64 && (byte & 0x40)) value |= ~std::uint64_t{0} << shift;
  return static_cast<std::int64_t>(value);
}

std::string_view DataCursor::cstring() {
  if (error_) return {};
  for (std::uint64_t end = offset_; end < data_.size(); ++end) {
    if (data_[end] == 0) {
      std::string_view text(reinterpret_cast<const char*>(data_.data()) + offset_, end - offset_);
      offset_ = end + 1;
      return text;
    }
  }
  fail("unterminated string");
  return {};
}

std::span<const std::uint8_t> DataCursor::bytes(std::uint64_t count) {
  if (!canRead(count, "a block")) return {};
  auto block = data_.subspan(offset_, count);
  offset_ += count;
  return block;
}

}  // namespace tide::debugger
