/* twin of int_u64_literals */
#include "toy_rt.h"

int main(void) {
  uint64_t a = 18446744073709551615ull, b = 0xFFFFFFFFFFFFFFFFull, c = 01777777777777777777777ull;
  uint64_t d = 1ull << 63, e = 9223372036854775808ull;
  int32_t score = 0;
  if (a == b && b == c) score += 1;
  if (d == e && d > 9223372036854775807ull) score += 2;
  if (a / 2 == 9223372036854775807ull) score += 4;
  if (a % 10 == 5) score += 8;
  if ((e >> 63) == 1) score += 16;
  printf("%lu %lu %lx %d\n", a / 3, e + e / 2, d >> 4, score);
  return score;
}
