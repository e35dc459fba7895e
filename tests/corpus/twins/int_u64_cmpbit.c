/* twin of int_u64_cmpbit */
#include "toy_rt.h"

int main(void) {
  uint64_t v[5] = {(uint64_t)0ull, (uint64_t)1ull, (uint64_t)9223372036854775808ull,
                   (uint64_t)18446744073709551614ull, (uint64_t)18446744073709551615ull};
  uint64_t checksum = 0;
  for (int i = 0; i < 5; i++) {
    for (int j = 0; j < 5; j++) {
      uint64_t a = v[i];
      uint64_t b = v[j];
      uint64_t mask = (uint64_t)(a < b) | ((uint64_t)(a <= b) << 1) | ((uint64_t)(a > b) << 2) |
                      ((uint64_t)(a >= b) << 3) | ((uint64_t)(a == b) << 4) |
                      ((uint64_t)(a != b) << 5);
      printf("%lu %lu %lu %lu %lu\n", mask, (uint64_t)(a & b), (uint64_t)(a | b), (uint64_t)(a ^ b),
             (uint64_t)~a);
      checksum = checksum * 7 + mask + (uint64_t)(uint64_t)(a ^ b);
    }
  }
  return (int32_t)(checksum % 256);
}
