/* twin of conv_chains */
#include "toy_rt.h"

int main(void) {
  int64_t x = -1234567;
  int64_t a = (int64_t)(uint8_t)x;
  uint64_t b = (uint64_t)(int8_t)x;
  int64_t c = (int64_t)(int16_t)(uint16_t)x;
  int32_t d = F2I(int32_t, (double)x);
  double e = (double)(uint32_t)x;
  int64_t f = (int64_t)(int32_t)(uint32_t)3000000000ll;
  int32_t g = (int32_t)(uint16_t)(uint8_t)(int8_t)-1ll;
  int64_t h = (int64_t)(int8_t)(uint8_t)255ll;
  double k = (double)F2I(int32_t, 0.99);
  printf("%ld %lu %ld %d %.17g %ld %d %ld %.17g\n", a, b, c, d, e, f, g, h, k);
  return (int32_t)((a + c + (int64_t)d + f + (int64_t)g + h) % 256);
}
