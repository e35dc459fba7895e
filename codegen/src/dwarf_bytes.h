// Little-endian byte appender with LEB128, shared by the DWARF writers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tide::codegen {

struct ByteWriter {
  std::vector<std::uint8_t> bytes;

  std::size_t size() const { return bytes.size(); }
  void u8(std::uint64_t v) { bytes.push_back(static_cast<std::uint8_t>(v)); }
  void fixed(std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void u16(std::uint64_t v) { fixed(v, 2); }
  void u32(std::uint64_t v) { fixed(v, 4); }
  void u64(std::uint64_t v) { fixed(v, 8); }
  void uleb(std::uint64_t v) {
    do {
      std::uint8_t byte = v & 0x7f;
      v >>= 7;
      if (v) byte |= 0x80;
      bytes.push_back(byte);
    } while (v);
  }
  void sleb(std::int64_t v) {
    bool more = true;
    while (more) {
      std::uint8_t byte = v & 0x7f;
      v >>= 7;  // arithmetic shift keeps the sign
      more = !((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40)));
      if (more) byte |= 0x80;
      bytes.push_back(byte);
    }
  }
  void cstring(const std::string& text) {
    bytes.insert(bytes.end(), text.begin(), text.end());
    bytes.push_back(0);
  }
  void patch32(std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
  }
};

inline std::size_t ulebSize(std::uint64_t v) {
  std::size_t n = 1;
  while (v >>= 7) ++n;
  return n;
}

}  // namespace tide::codegen
