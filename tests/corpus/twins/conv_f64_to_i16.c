/* twin of conv_f64_to_i16 */
#include "toy_rt.h"

static int16_t conv(double x) { return F2I(int16_t, x); }

int main(void) {
  double xs[7] = {0.0, -0.0, -0.99, 32767.99, -32768.99, 12345.678, -2.5};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int16_t direct = F2I(int16_t, xs[i]);
    int16_t called = conv(xs[i]);
    printf("%d %d\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
