/* twin of conv_i8_to_f64 */
#include "toy_rt.h"

int main(void) {
  int8_t vals[8] = {(int8_t)-128, (int8_t)-127, (int8_t)-1,  (int8_t)0,
                    (int8_t)1,    (int8_t)126,  (int8_t)127, (int8_t)90};
  double sum = 0.0;
  for (int i = 0; i < 8; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
