/* twin of misc_crc32_small */
#include "toy_rt.h"

static uint32_t crc32(const uint8_t* s) {
  uint32_t crc = 0xFFFFFFFFu;
  for (uint64_t i = 0; s[i] != 0; i++) {
    crc ^= (uint32_t)s[i];
    for (int k = 0; k < 8; k++) {
      uint32_t mask = -(crc & 1u);
      crc = (crc >> 1) ^ (0xEDB88320u & mask);
    }
  }
  return ~crc;
}

int main(void) {
  uint32_t c = crc32((const uint8_t*)"123456789");
  uint32_t d = crc32((const uint8_t*)"The quick brown fox jumps over the lazy dog");
  printf("%08x %08x\n", c, d);
  return (int32_t)(c % 256);
}
