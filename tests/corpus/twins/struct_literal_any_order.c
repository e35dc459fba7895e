/* twin of struct_literal_any_order */
#include "toy_rt.h"

struct Color {
  uint8_t r, g, b, a;
};

static struct Color make(uint8_t v) {
  struct Color c;
  c.a = v;
  c.b = (uint8_t)(v + 1);
  c.g = (uint8_t)(v + 2);
  c.r = (uint8_t)(v + 3);
  return c;
}

int main(void) {
  struct Color c = {1, 2, 3, 4};
  struct Color d = make(100);
  uint8_t e = make(10).g;
  printf("%u %u %u %u / %u %u %u %u / %u\n", c.r, c.g, c.b, c.a, d.r, d.g, d.b, d.a, e);
  return (int32_t)c.r * 1000 % 256 + (int32_t)d.r + (int32_t)e;
}
