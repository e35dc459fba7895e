/* twin of intrinsic_bits_u16 */
#include "toy_rt.h"

int main(void) {
  uint16_t vals[7] = {(uint16_t)0,     (uint16_t)1, (uint16_t)32768, (uint16_t)65535,
                      (uint16_t)23130, (uint16_t)6, (uint16_t)256};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    uint16_t v = vals[i];
    uint16_t p = POPCOUNT(uint16_t, v);
    uint16_t l = CLZ(uint16_t, v);
    uint16_t t = CTZ(uint16_t, v);
    printf("%u %u %u\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
