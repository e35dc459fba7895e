/* twin of cinterop_variadic_promotions */
#include "toy_rt.h"

int main(void) {
  int8_t a = -1;
  uint8_t b = 255;
  int16_t c = -300;
  uint16_t d = 65535;
  bool t = true, f = false;
  double e = -0.5;
  int n = printf("%d %d %d %d %d %d %f\n", a, b, c, d, t, f, e);
  int m = printf("%u %x %u\n", (int32_t)a, (int32_t)c, (int32_t)d);
  return n * 2 + m;
}
