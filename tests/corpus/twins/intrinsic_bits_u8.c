/* twin of intrinsic_bits_u8 */
#include "toy_rt.h"

int main(void) {
  uint8_t vals[7] = {(uint8_t)0,  (uint8_t)1, (uint8_t)128, (uint8_t)255,
                     (uint8_t)90, (uint8_t)6, (uint8_t)16};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    uint8_t v = vals[i];
    uint8_t p = POPCOUNT(uint8_t, v);
    uint8_t l = CLZ(uint8_t, v);
    uint8_t t = CTZ(uint8_t, v);
    printf("%u %u %u\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
