/* twin of int_u16_cmpbit */
#include "toy_rt.h"

int main(void) {
  uint16_t v[5] = {(uint16_t)0, (uint16_t)1, (uint16_t)32768, (uint16_t)65534, (uint16_t)65535};
  uint64_t checksum = 0;
  for (int i = 0; i < 5; i++) {
    for (int j = 0; j < 5; j++) {
      uint16_t a = v[i];
      uint16_t b = v[j];
      uint64_t mask = (uint64_t)(a < b) | ((uint64_t)(a <= b) << 1) | ((uint64_t)(a > b) << 2) |
                      ((uint64_t)(a >= b) << 3) | ((uint64_t)(a == b) << 4) |
                      ((uint64_t)(a != b) << 5);
      printf("%lu %u %u %u %u\n", mask, (uint16_t)(a & b), (uint16_t)(a | b), (uint16_t)(a ^ b),
             (uint16_t)~a);
      checksum = checksum * 7 + mask + (uint64_t)(uint16_t)(a ^ b);
    }
  }
  return (int32_t)(checksum % 256);
}
