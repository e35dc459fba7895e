/* twin of conv_u64_to_f64 */
#include "toy_rt.h"

int main(void) {
  uint64_t vals[7] = {(uint64_t)0ull,
                      (uint64_t)1ull,
                      (uint64_t)9223372036854775808ull,
                      (uint64_t)9223372036854775809ull,
                      (uint64_t)18446744073709551614ull,
                      (uint64_t)18446744073709551615ull,
                      (uint64_t)6510615555426900570ull};
  double sum = 0.0;
  for (int i = 0; i < 7; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
