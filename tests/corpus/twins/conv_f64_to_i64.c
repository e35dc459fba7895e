/* twin of conv_f64_to_i64 */
#include "toy_rt.h"

static int64_t conv(double x) { return F2I(int64_t, x); }

int main(void) {
  double xs[7] = {0.0, -0.0, 9223372036854774784.0, -9223372036854775808.0, 1e18, -4.5e15, -1.5};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int64_t direct = F2I(int64_t, xs[i]);
    int64_t called = conv(xs[i]);
    printf("%ld %ld\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
