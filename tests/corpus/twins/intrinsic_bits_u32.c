/* twin of intrinsic_bits_u32 */
#include "toy_rt.h"

int main(void) {
  uint32_t vals[7] = {(uint32_t)0u,          (uint32_t)1u,          (uint32_t)2147483648u,
                      (uint32_t)4294967295u, (uint32_t)1515870810u, (uint32_t)6u,
                      (uint32_t)65536u};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    uint32_t v = vals[i];
    uint32_t p = POPCOUNT(uint32_t, v);
    uint32_t l = CLZ(uint32_t, v);
    uint32_t t = CTZ(uint32_t, v);
    printf("%u %u %u\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
