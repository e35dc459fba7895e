/* twin of struct_abi_classes */
#include "toy_rt.h"

struct FI {
  double f;
  int64_t i;
};
struct IIF {
  int32_t a, b;
  double f;
};
struct BF {
  uint8_t b;
  double f;
};
struct F2 {
  double v[2];
};
struct B3 {
  uint8_t v[3];
};
struct IB {
  int64_t i;
  uint8_t b;
};
struct F3 {
  double x, y, z;
};

static struct FI fi(struct FI s, int64_t k) { return (struct FI){s.f * 2.0, s.i + k}; }
static struct IIF iif(struct IIF s, int32_t k) {
  return (struct IIF){s.b + k, s.a, s.f + (double)k};
}
static struct BF bf(struct BF s) { return (struct BF){(uint8_t)(s.b + 1), -s.f}; }
static struct F2 f2(struct F2 s, struct F2 t) {
  return (struct F2){{s.v[0] + t.v[1], s.v[1] * t.v[0]}};
}
static struct B3 b3(struct B3 s) { return (struct B3){{s.v[2], s.v[0], (uint8_t)(s.v[1] + 1)}}; }
static struct IB ib(struct IB s) { return (struct IB){s.i * 3, (uint8_t)(s.b ^ 0xFF)}; }
static struct F3 f3(struct F3 s, double scale) {
  return (struct F3){s.y * scale, s.z * scale, s.x};
}

int main(void) {
  struct FI a = {1.5, 10};
  struct IIF b = {1, 2, 0.25};
  struct BF c = {250, 3.0};
  struct F2 d = {{1.0, 2.0}};
  struct B3 e = {{1, 2, 3}};
  struct IB g = {-7, 15};
  struct F3 h = {1.0, 2.0, 4.0};
  for (int64_t i = 0; i < 4; i++) {
    a = fi(a, i);
    b = iif(b, (int32_t)i);
    c = bf(c);
    d = f2(d, (struct F2){{0.5, 1.5}});
    e = b3(e);
    g = ib(g);
    h = f3(h, 0.5);
  }
  printf("fi=%.17g,%ld iif=%d,%d,%.17g bf=%u,%.17g\n", a.f, a.i, b.a, b.b, b.f, c.b, c.f);
  printf("f2=%.17g,%.17g b3=%u,%u,%u ib=%ld,%u f3=%.17g,%.17g,%.17g\n", d.v[0], d.v[1], e.v[0],
         e.v[1], e.v[2], g.i, g.b, h.x, h.y, h.z);
  return (int32_t)((a.i + (int64_t)b.a + (int64_t)c.b + (int64_t)e.v[2] + g.i) % 256);
}
