/* twin of conv_f64_to_u16 */
#include "toy_rt.h"

static uint16_t conv(double x) { return F2I(uint16_t, x); }

int main(void) {
  double xs[6] = {0.0, -0.75, 65535.9, 32768.0, 1e4, 0.999};
  uint64_t checksum = 0;
  for (int i = 0; i < 6; i++) {
    uint16_t direct = F2I(uint16_t, xs[i]);
    uint16_t called = conv(xs[i]);
    printf("%u %u\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
