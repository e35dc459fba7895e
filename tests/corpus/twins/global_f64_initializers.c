/* twin of global_f64_initializers */
#include "toy_rt.h"

static double g1 = 1.5, g2 = 3.0, g3 = -0.0, g4 = 1.0 / 3.0, g5 = 2.5e-3, g6 = 0.5 * 10.0;
static double table[3] = {0.1, -2.0, 1e10};

int main(void) {
  g1 *= 2.0;
  printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", g1, g2, g3, g4, g5, g6,
         table[0], table[1], table[2]);
  bool neg_zero_sign = (1.0 / g3) < 0.0;
  return F2I(int32_t, g1 + g2 + g6 + table[1]) + (int32_t)neg_zero_sign * 100;
}
