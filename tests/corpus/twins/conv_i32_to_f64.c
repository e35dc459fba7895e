/* twin of conv_i32_to_f64 */
#include "toy_rt.h"

int main(void) {
  int32_t vals[8] = {INT32_MIN,  (int32_t)-2147483647, (int32_t)-1,         (int32_t)0,
                     (int32_t)1, (int32_t)2147483646,  (int32_t)2147483647, (int32_t)1515870810};
  double sum = 0.0;
  for (int i = 0; i < 8; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
