// Little-endian byte building for hand-made DWARF inputs in tests, so each
// test states its input byte for byte (with the encoding spelled out).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tide::dwarf_tests {

struct Bytes {
  std::vector<std::uint8_t> data;

  Bytes& u8(std::uint64_t value) {
    data.push_back(static_cast<std::uint8_t>(value));
    return *this;
  }
  Bytes& fixed(std::uint64_t value, int size) {
    for (int i = 0; i < size; ++i) u8(value >> (8 * i));
    return *this;
  }
  Bytes& u16(std::uint64_t value) { return fixed(value, 2); }
  Bytes& u32(std::uint64_t value) { return fixed(value, 4); }
  Bytes& u64(std::uint64_t value) { return fixed(value, 8); }
  Bytes& uleb(std::uint64_t value) {
    do {
      std::uint8_t byte = value & 0x7f;
      value >>= 7;
      u8(value ? byte | 0x80 : byte);
    } while (value);
    return *this;
  }
  Bytes& sleb(std::int64_t value) {
    bool more = true;
    while (more) {
      std::uint8_t byte = value & 0x7f;
      value >>= 7;
      more = !((value == 0 && !(byte & 0x40)) || (value == -1 && (byte & 0x40)));
      u8(more ? byte | 0x80 : byte);
    }
    return *this;
  }
  Bytes& str(const std::string& text) {
    data.insert(data.end(), text.begin(), text.end());
    return u8(0);
  }
  Bytes& append(const Bytes& other) {
    data.insert(data.end(), other.data.begin(), other.data.end());
    return *this;
  }
  // Overwrites a 4-byte little-endian value at `offset` (a length patched
  // in once the body is known).
  void patch32(std::size_t offset, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) data[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
  }
  std::size_t size() const { return data.size(); }
};

}  // namespace tide::dwarf_tests
