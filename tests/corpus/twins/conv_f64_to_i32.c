/* twin of conv_f64_to_i32 */
#include "toy_rt.h"

static int32_t conv(double x) { return F2I(int32_t, x); }

int main(void) {
  double xs[7] = {0.0, -0.5, 2147483647.9, -2147483648.9, 1e9, -123456.789, 3.999999};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int32_t direct = F2I(int32_t, xs[i]);
    int32_t called = conv(xs[i]);
    printf("%d %d\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
