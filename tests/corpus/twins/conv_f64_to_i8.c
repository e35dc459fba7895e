/* twin of conv_f64_to_i8 */
#include "toy_rt.h"

static int8_t conv(double x) { return F2I(int8_t, x); }

int main(void) {
  double xs[9] = {0.0, -0.0, 0.5, -0.5, 1.99, -1.99, 127.9, -128.9, 100.0};
  uint64_t checksum = 0;
  for (int i = 0; i < 9; i++) {
    int8_t direct = F2I(int8_t, xs[i]);
    int8_t called = conv(xs[i]);
    printf("%d %d\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
