/* twin of int_u32_cmpbit */
#include "toy_rt.h"

int main(void) {
  uint32_t v[5] = {(uint32_t)0u, (uint32_t)1u, (uint32_t)2147483648u, (uint32_t)4294967294u,
                   (uint32_t)4294967295u};
  uint64_t checksum = 0;
  for (int i = 0; i < 5; i++) {
    for (int j = 0; j < 5; j++) {
      uint32_t a = v[i];
      uint32_t b = v[j];
      uint64_t mask = (uint64_t)(a < b) | ((uint64_t)(a <= b) << 1) | ((uint64_t)(a > b) << 2) |
                      ((uint64_t)(a >= b) << 3) | ((uint64_t)(a == b) << 4) |
                      ((uint64_t)(a != b) << 5);
      printf("%lu %u %u %u %u\n", mask, (uint32_t)(a & b), (uint32_t)(a | b), (uint32_t)(a ^ b),
             (uint32_t)~a);
      checksum = checksum * 7 + mask + (uint64_t)(uint32_t)(a ^ b);
    }
  }
  return (int32_t)(checksum % 256);
}
