/* twin of misc_precedence */
#include "toy_rt.h"

int main(void) {
  int64_t x = 6;
  bool a = (x & 3) == 2;
  bool b = (x | 1) == 7;
  bool c = (x ^ 6) == 0;
  int64_t d = (1 + 2) << 3;
  int64_t e = 2 * 3;
  uint8_t f = (uint8_t)(-x);
  int64_t g = x * 2 + 3 * x - x / 2 % 2;
  int64_t h = 1 << (2 + 1);
  int64_t k = (x & 0xF0) | (0x0F ^ 0x3);
  bool m = !(x > 3) || (x < 10 && x > 8);
  bool n = (~x + 1) == -x;
  printf("%d %d %d %ld %ld %u %ld %ld %ld %d %d\n", (int32_t)a, (int32_t)b, (int32_t)c, d, e, f, g,
         h, k, (int32_t)m, (int32_t)n);
  return (int32_t)(d + e + (int64_t)f + g + h + k);
}
