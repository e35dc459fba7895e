/* twin of const_f64_context */
#include "toy_rt.h"

static double half(double x) { return x / 2.0; }

int main(void) {
  double h = 3.0;
  double q = 3.5;
  int64_t r = 3;
  double n = -3.0;
  double big = 9007199254740992.0;
  double p = half(5.0);
  double inf = 1.0 / 0.0;
  printf("%.17g %.17g %ld %.17g %.17g %.17g %f\n", h, q, r, n, big, p, inf);
  int64_t score = 0;
  if (h == 3.0) score += 1;
  if (q == 3.5) score += 2;
  if (r == 3) score += 4;
  if (n == -3.0) score += 8;
  if (big == 9007199254740992.0) score += 16;
  if (p == 2.5) score += 32;
  if (inf > 1e308) score += 64;
  return (int32_t)score;
}
