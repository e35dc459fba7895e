/* twin of misc_matrix_f64 */
#include "toy_rt.h"

static void mul(double (*a)[4][4], double (*b)[4][4], double (*out)[4][4]) {
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) {
      double s = 0.0;
      for (int k = 0; k < 4; k++) s += (*a)[i][k] * (*b)[k][j];
      (*out)[i][j] = s;
    }
}

int main(void) {
  double a[4][4], b[4][4], c[4][4];
  for (int64_t i = 0; i < 4; i++)
    for (int64_t j = 0; j < 4; j++) {
      a[i][j] = (double)(i * 4 + j) * 0.5 - 1.25;
      b[i][j] = 1.0 / (double)(i + j + 1);
    }
  mul(&a, &b, &c);
  double trace = 0.0;
  for (int i = 0; i < 4; i++) {
    printf("%.17g %.17g %.17g %.17g\n", c[i][0], c[i][1], c[i][2], c[i][3]);
    trace += c[i][i];
  }
  printf("trace=%.17g\n", trace);
  return F2I(int32_t, trace * 1000.0) % 256;
}
