/* twin of const_as_no_context */
#include "toy_rt.h"

int main(void) {
  uint8_t a = (uint8_t)300;
  uint64_t b = (uint64_t)-1;
  uint8_t c = (uint8_t)-5;
  int32_t d = (int32_t)(1ll << 40);
  uint32_t e = (uint32_t)0x100000001ll;
  uint16_t f = (uint16_t)~0ll;
  int64_t g = 2;
  int8_t h = -2;
  int64_t i = (int64_t)(uint8_t)65 + 1;
  printf("%u %lu %u %d %u %u %ld %d %ld\n", a, b, c, d, e, f, g, h, i);
  return (int32_t)a + (int32_t)c;
}
