/* twin of misc_f64_nan_compare */
#include "toy_rt.h"

static int64_t bits(double a, double b) {
  return (int64_t)(a < b) | ((int64_t)(a <= b) << 1) | ((int64_t)(a > b) << 2) |
         ((int64_t)(a >= b) << 3) | ((int64_t)(a == b) << 4) | ((int64_t)(a != b) << 5);
}

int main(void) {
  double zero = 0.0;
  double nan_ = zero / zero;
  double inf = 1.0 / zero;
  double tiny = 4.9406564584124654e-324;
  double vals[6] = {nan_, -0.0, 0.0, tiny, inf, -inf};
  int64_t acc = 0;
  for (int i = 0; i < 6; i++) {
    for (int j = 0; j < 6; j++) {
      int64_t m = bits(vals[i], vals[j]);
      printf("%ld", m);
      acc = acc * 3 + m;
    }
    printf("\n");
  }
  printf("tiny>0=%d tiny/2=%.17g\n", (int32_t)(tiny > 0.0), tiny / 2.0);
  return (int32_t)(acc % 256);
}
