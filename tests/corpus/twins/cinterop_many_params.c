/* twin of cinterop_many_params */
#include "toy_rt.h"

struct P {
  int64_t a, b;
};

static int64_t mix(int64_t a, int32_t b, uint8_t c, int16_t d, int64_t e, uint64_t f, int64_t g,
                   int32_t h, double x, double y, double z, double w, double v, double u, double t,
                   double s, double r, double q, struct P p, int8_t last) {
  int64_t ints = a + (int64_t)b * 2 + (int64_t)c * 3 + (int64_t)d * 4 + e * 5 + (int64_t)f * 6 +
                 g * 7 + (int64_t)h * 8;
  double floats =
      x + y * 2.0 + z * 3.0 + w * 4.0 + v * 5.0 + u * 6.0 + t * 7.0 + s * 8.0 + r * 9.0 + q * 10.0;
  return ints + F2I(int64_t, floats) + p.a * 100 + p.b * 1000 + (int64_t)last * 10000;
}

int main(void) {
  int64_t r = mix(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0,
                  (struct P){9, 10}, -1);
  printf("mix=%ld\n", r);
  return (int32_t)(r % 256);
}
