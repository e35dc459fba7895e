/* twin of const_untyped_name */
#include "toy_rt.h"

int main(void) {
  int64_t x = INT64_MAX;
  uint8_t y = 64;
  double f = 0.5 * 3.0;
  double g = 4611686018427387904.0;
  int8_t s = -128;
  uint64_t u = UINT64_MAX;
  int64_t plain = 21;
  printf("%ld %u %.17g %.17g %d %lu %ld\n", x, y, f, g, s, u, plain);
  return (int32_t)y + (int32_t)s + 100;
}
