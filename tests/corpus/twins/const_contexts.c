/* twin of const_contexts */
#include "toy_rt.h"

struct Bytes {
  uint8_t a;
  int8_t b;
  uint16_t c;
};

static uint8_t ret(void) { return 255; }
static int16_t take(int16_t x) { return x; }

int main(void) {
  struct Bytes s = {255, -128, 65535};
  uint8_t arr[3] = {255, 129, 0};
  uint32_t t = 0;
  t = 4294967295u;
  int16_t p = take(-32768);
  uint8_t q = ret();
  bool cmp = s.a == 255;
  uint8_t sum = (uint8_t)(s.a + 1);
  printf("%u %d %u %u %u %u %d %u %d %u\n", s.a, s.b, s.c, arr[0], arr[1], t, p, q, cmp, sum);
  return (int32_t)arr[1] + (int32_t)sum;
}
