/* twin of int_mixed_width_checksum */
#include "toy_rt.h"

int main(void) {
  int8_t a8 = 1;
  uint16_t b16 = 1;
  int32_t c32 = 1;
  uint64_t d64 = 1;
  for (int64_t i = 0; i < 200; i++) {
    a8 = (int8_t)(a8 * 3 + (int8_t)i);
    b16 = (uint16_t)((uint16_t)(b16 * 5) ^ (uint16_t)a8);
    c32 = c32 * 7 - (int32_t)b16 + (int32_t)a8;
    d64 = d64 * 31 + (uint64_t)c32 + (uint64_t)a8;
  }
  printf("%d %u %d %lu\n", a8, b16, c32, d64);
  return (int32_t)((d64 ^ (uint64_t)c32) % 256);
}
