/* twin of struct_sret_big */
#include "toy_rt.h"

struct Big {
  int64_t a, b, c, d, e, f;
};

static struct Big make_big(int64_t seed) {
  return (struct Big){seed, seed + 1, seed + 2, seed + 3, seed + 4, seed + 5};
}

static struct Big rotate(struct Big b, int64_t k) {
  struct Big r = b;
  r.a = b.f + k;
  r.b = b.a;
  r.c = b.b * 2;
  r.d = b.c - b.d;
  r.e = b.d ^ k;
  r.f = b.e;
  return r;
}

static int64_t total(struct Big b) { return b.a + b.b * 2 + b.c * 3 + b.d * 4 + b.e * 5 + b.f * 6; }

int main(void) {
  struct Big big = make_big(10);
  struct Big keep = big;
  for (int64_t i = 0; i < 6; i++) big = rotate(big, i);
  struct Big twice = rotate(rotate(keep, 100), 200);
  printf("%ld %ld %ld %ld %ld %ld\n", big.a, big.b, big.c, big.d, big.e, big.f);
  printf("total=%ld twice=%ld keep.a=%ld\n", total(big), total(twice), keep.a);
  return (int32_t)((total(big) + total(twice)) % 256);
}
