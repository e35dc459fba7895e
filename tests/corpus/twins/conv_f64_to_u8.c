/* twin of conv_f64_to_u8 */
#include "toy_rt.h"

static uint8_t conv(double x) { return F2I(uint8_t, x); }

int main(void) {
  double xs[7] = {0.0, -0.0, -0.5, -0.999, 255.99, 128.5, 1.0};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    uint8_t direct = F2I(uint8_t, xs[i]);
    uint8_t called = conv(xs[i]);
    printf("%u %u\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }
  return (int32_t)(checksum % 256);
}
