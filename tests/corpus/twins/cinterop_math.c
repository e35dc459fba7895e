/* twin of cinterop_math */
#include "toy_rt.h"

int main(void) {
  double a = sqrt(2.0), b = floor(-2.5), c = ceil(-2.5), d = pow(2.0, 10.0), e = fabs(-7.25);
  double f = fmod(10.5, 3.0), g = sin(0.0), h = exp(1.0);
  printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", a, b, c, d, e, f, g, h);
  return F2I(int32_t, a * 100.0) + F2I(int32_t, d) / 8 + F2I(int32_t, b);
}
