/* twin of conv_f64_to_u32 */
#include "toy_rt.h"

static uint32_t conv(double x) { return F2I(uint32_t, x); }

int main(void) {
  double xs[6] = {0.0, -0.9, 4294967295.5, 2147483648.0, 3e9, 7.7};
  uint64_t checksum = 0;
  for (int i = 0; i < 6; i++) {
    uint32_t direct = F2I(uint32_t, xs[i]);
    uint32_t called = conv(xs[i]);
    printf("%u %u\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
