/* twin of misc_unary_ops */
#include "toy_rt.h"

int main(void) {
  int32_t a = 5;
  uint16_t b = 1;
  uint64_t c = 0;
  double d = 2.5;
  bool e = true;
  int8_t f = -128;
  printf("%d %u %lu %.17g %d %d %d %u %d %d\n", -a, (uint16_t)-b, ~c, -d, (int32_t)!e, (int8_t)-f,
         (int8_t)~f, (uint16_t)~b, a, 1);
  return (-a + (int32_t)(uint16_t)-b + (int32_t)(int8_t)~f) % 256;
}
