/* twin of conv_i64_to_f64 */
#include "toy_rt.h"

int main(void) {
  int64_t vals[8] = {INT64_MIN,
                     (int64_t)-9223372036854775807ll,
                     (int64_t)-1ll,
                     (int64_t)0ll,
                     (int64_t)1ll,
                     (int64_t)9223372036854775806ll,
                     (int64_t)9223372036854775807ll,
                     (int64_t)6510615555426900570ll};
  double sum = 0.0;
  for (int i = 0; i < 8; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
