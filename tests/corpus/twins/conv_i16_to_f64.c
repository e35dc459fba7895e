/* twin of conv_i16_to_f64 */
#include "toy_rt.h"

int main(void) {
  int16_t vals[8] = {(int16_t)-32768, (int16_t)-32767, (int16_t)-1,    (int16_t)0,
                     (int16_t)1,      (int16_t)32766,  (int16_t)32767, (int16_t)23130};
  double sum = 0.0;
  for (int i = 0; i < 8; i++) {
    double f = (double)vals[i];
    printf("%.17g\n", f);
    sum = sum * 0.5 + f;
  }
  printf("sum=%.17g\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}
