/* twin of intrinsic_bits_in_expressions */
#include "toy_rt.h"

static uint64_t log2_(uint64_t x) { return 63 - CLZ(uint64_t, x); }

int main(void) {
  uint64_t acc = 0;
  for (int64_t i = 1; i < 40; i++) {
    uint64_t v = (uint64_t)(i * i * 2654435761ll);
    uint64_t l = log2_(v);
    uint64_t t = CTZ(uint64_t, v);
    uint64_t p = POPCOUNT(uint64_t, v) & 1;
    acc = acc * 31 + l * 100 + t * 10 + p;
  }
  uint8_t b = 0x10;
  int16_t h = -1;
  uint32_t w = 0;
  printf("acc=%lu %u %u %d %d %u %u\n", acc, CLZ(uint8_t, b), CTZ(uint8_t, b), POPCOUNT(int16_t, h),
         CLZ(int16_t, h), CLZ(uint32_t, w), CTZ(uint32_t, w));
  return (int32_t)(acc % 256);
}
