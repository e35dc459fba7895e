/* twin of int_i16_cmpbit */
#include "toy_rt.h"

int main(void) {
  int16_t v[5] = {(int16_t)-32768, (int16_t)-1, (int16_t)0, (int16_t)1, (int16_t)32767};
  uint64_t checksum = 0;
  for (int i = 0; i < 5; i++) {
    for (int j = 0; j < 5; j++) {
      int16_t a = v[i];
      int16_t b = v[j];
      uint64_t mask = (uint64_t)(a < b) | ((uint64_t)(a <= b) << 1) | ((uint64_t)(a > b) << 2) |
                      ((uint64_t)(a >= b) << 3) | ((uint64_t)(a == b) << 4) |
                      ((uint64_t)(a != b) << 5);
      printf("%lu %d %d %d %d\n", mask, (int16_t)(a & b), (int16_t)(a | b), (int16_t)(a ^ b),
             (int16_t)~a);
      checksum = checksum * 7 + mask + (uint64_t)(int16_t)(a ^ b);
    }
  }
  return (int32_t)(checksum % 256);
}
