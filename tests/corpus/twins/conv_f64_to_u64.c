/* twin of conv_f64_to_u64 */
#include "toy_rt.h"

static uint64_t conv(double x) { return F2I(uint64_t, x); }

int main(void) {
  double xs[6] = {0.0, -0.5, 18446744073709549568.0, 9223372036854775808.0, 1.2e19, 42.42};
  uint64_t checksum = 0;
  for (int i = 0; i < 6; i++) {
    uint64_t direct = F2I(uint64_t, xs[i]);
    uint64_t called = conv(xs[i]);
    printf("%lu %lu\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
