/* twin of conv_u16_to_f64 */
#include "toy_rt.h"

int main(void) {
  uint16_t vals[7] = {(uint16_t)0,     (uint16_t)1,     (uint16_t)32768, (uint16_t)32769,
                      (uint16_t)65534, (uint16_t)65535, (uint16_t)23130};
  double sum = 0.0;
  for (int i = 0; i < 7; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
