/* twin of const_shift_context */
#include "toy_rt.h"

int main(void) {
  int64_t n = 9, s = 17;
  uint8_t k = 3;
  uint8_t z = TOY_SHL(uint8_t, 8, 1, n);
  uint16_t y = TOY_SHL(uint16_t, 16, 1, s);
  uint64_t w = TOY_SHL(uint64_t, 64, 1, s);
  int64_t v = TOY_SHL(int64_t, 64, 1, k);
  int32_t t = TOY_SHL(int32_t, 32, 255, s);
  int8_t u = TOY_SHL(int8_t, 8, 3, n);
  int8_t neg = TOY_SHL(int8_t, 8, (int8_t)-1, s);
  uint8_t r = TOY_SHR_U(uint8_t, 8, (uint8_t)200, k);
  uint8_t acc = 1;
  acc = TOY_SHL(uint8_t, 8, acc, n);
  printf("%u %u %lu %ld %d %d %d %u %u\n", z, y, w, v, t, u, neg, r, acc);
  return (int32_t)z + (int32_t)y + (int32_t)u + (int32_t)acc + (int32_t)r;
}
