/* twin of intrinsic_bits_u64 */
#include "toy_rt.h"

int main(void) {
  uint64_t vals[7] = {(uint64_t)0ull,
                      (uint64_t)1ull,
                      (uint64_t)9223372036854775808ull,
                      (uint64_t)18446744073709551615ull,
                      (uint64_t)6510615555426900570ull,
                      (uint64_t)6ull,
                      (uint64_t)4294967296ull};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    uint64_t v = vals[i];
    uint64_t p = POPCOUNT(uint64_t, v);
    uint64_t l = CLZ(uint64_t, v);
    uint64_t t = CTZ(uint64_t, v);
    printf("%lu %lu %lu\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
