/* twin of const_int_in_f64_ops */
#include "toy_rt.h"

int main(void) {
  double x = 2.25;
  double a = x * 2.0 + 1.0;
  double b = 10.0 - x;
  double c = x / 4.0;
  double d = 0.0 * x; /* 1 / 3 is the integer constant 0 */
  double e = 1.0 / 3.0 * 3.0;
  int32_t score = 0;
  if (x > 2.0) score += 1;
  if (a == 5.5) score += 2;
  if (d == 0.0) score += 4;
  if (e == 1.0) score += 8;
  printf("%.17g %.17g %.17g %.17g %.17g %d\n", a, b, c, d, e, score);
  return score + F2I(int32_t, b * 4.0);
}
