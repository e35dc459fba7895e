/* twin of conv_u32_to_f64 */
#include "toy_rt.h"

int main(void) {
  uint32_t vals[7] = {(uint32_t)0u,          (uint32_t)1u,          (uint32_t)2147483648u,
                      (uint32_t)2147483649u, (uint32_t)4294967294u, (uint32_t)4294967295u,
                      (uint32_t)1515870810u};
  double sum = 0.0;
  for (int i = 0; i < 7; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
