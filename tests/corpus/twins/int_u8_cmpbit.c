/* twin of int_u8_cmpbit */
#include "toy_rt.h"

int main(void) {
  uint8_t v[5] = {(uint8_t)0, (uint8_t)1, (uint8_t)128, (uint8_t)254, (uint8_t)255};
  uint64_t checksum = 0;
  for (int i = 0; i < 5; i++) {
    for (int j = 0; j < 5; j++) {
      uint8_t a = v[i];
      uint8_t b = v[j];
      uint64_t mask = (uint64_t)(a < b) | ((uint64_t)(a <= b) << 1) | ((uint64_t)(a > b) << 2) |
                      ((uint64_t)(a >= b) << 3) | ((uint64_t)(a == b) << 4) |
                      ((uint64_t)(a != b) << 5);
      printf("%lu %u %u %u %u\n", mask, (uint8_t)(a & b), (uint8_t)(a | b), (uint8_t)(a ^ b),
             (uint8_t)~a);
      checksum = checksum * 7 + mask + (uint64_t)(uint8_t)(a ^ b);
    }
  }
  return (int32_t)(checksum % 256);
}
