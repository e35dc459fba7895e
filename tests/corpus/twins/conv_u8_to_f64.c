/* twin of conv_u8_to_f64 */
#include "toy_rt.h"

int main(void) {
  uint8_t vals[7] = {(uint8_t)0,   (uint8_t)1,   (uint8_t)128, (uint8_t)129,
                     (uint8_t)254, (uint8_t)255, (uint8_t)90};
  double sum = 0.0;
  for (int i = 0; i < 7; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
