/* twin of const_literal_forms */
#include "toy_rt.h"

int main(void) {
  int64_t a = 42, b = 0x2A, c = 052, d = 42, e = 1000000, f = 0xDEADBEEF, g = 0xF0;
  double x = 1.5, y = 2.0e-3, z = 1e9, w = 1E+9, v = 6.02e23, u = 1000.25;
  printf("%ld %ld %ld %ld %ld %ld %ld\n", a, b, c, d, e, f, g);
  printf("%.17g %.17g %.17g %.17g %.17g %.17g\n", x, y, z, w, v, u);
  int32_t ok = 0;
  if (a == b && b == c && c == d) ok += 1;
  if (z == w) ok += 1;
  return ok + (int32_t)((f + g + e) % 200);
}
