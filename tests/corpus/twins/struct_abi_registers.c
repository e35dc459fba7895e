/* twin of struct_abi_registers */
#include "toy_rt.h"

struct Rgb {
  uint8_t r, g, b;
};
struct Small {
  int32_t x, y;
};
struct Pair {
  int64_t a, b;
};
struct Vec2 {
  double x, y;
};
struct Mixed {
  int32_t tag;
  double w;
};

static struct Rgb rgb_step(struct Rgb c, uint8_t k) {
  return (struct Rgb){(uint8_t)(c.r + k), (uint8_t)(c.g ^ k), (uint8_t)(c.b * 3)};
}
static struct Small small_step(struct Small s, int32_t k) {
  return (struct Small){s.y + k, s.x - k};
}
static struct Pair pair_step(struct Pair p, struct Pair q) {
  return (struct Pair){p.a * q.b, p.b + q.a};
}
static struct Vec2 vec_step(struct Vec2 v, double s) { return (struct Vec2){v.y * s, v.x + s}; }
static struct Mixed mixed_step(struct Mixed m, int32_t k) {
  return (struct Mixed){m.tag * k, m.w / 2.0 + (double)k};
}

int main(void) {
  struct Rgb c = {250, 7, 100};
  struct Small s = {1, 2};
  struct Pair p = {3, 4};
  struct Vec2 v = {1.5, -2.25};
  struct Mixed m = {1, 10.0};
  for (int64_t i = 0; i < 5; i++) {
    c = rgb_step(c, (uint8_t)i);
    s = small_step(s, (int32_t)i);
    p = pair_step(p, (struct Pair){i, 2});
    v = vec_step(v, 0.5);
    m = mixed_step(m, 3);
  }
  printf("rgb=%u,%u,%u small=%d,%d pair=%ld,%ld\n", c.r, c.g, c.b, s.x, s.y, p.a, p.b);
  printf("vec=%.17g,%.17g mixed=%d,%.17g\n", v.x, v.y, m.tag, m.w);
  return (int32_t)(((int64_t)c.r + (int64_t)c.g + (int64_t)c.b + (int64_t)s.x + p.a + p.b +
                    (int64_t)m.tag) %
                   256);
}
