/* twin of fnptr_recursive_dispatch */
#include "toy_rt.h"

typedef int64_t (*fn_t)(int64_t);

static int64_t inc(int64_t x) { return x + 1; }
static int64_t dbl(int64_t x) { return x * 2; }

static fn_t choose(bool even) {
  if (even) return dbl;
  return inc;
}

static int64_t iterate(fn_t f, int64_t n, int64_t x) {
  if (n == 0) return x;
  return iterate(f, n - 1, f(x));
}

static int64_t compose_apply(fn_t outer, fn_t inner, int64_t x) { return outer(inner(x)); }

int main(void) {
  int64_t x = 1;
  for (int64_t i = 0; i < 10; i++) {
    fn_t f = choose(i % 3 == 0);
    x = f(x);
  }
  int64_t y = iterate(dbl, 5, 3);
  int64_t z = compose_apply(choose(true), choose(false), 10);
  fn_t (*chooser)(bool) = choose;
  int64_t w = chooser(false)(41);
  printf("x=%ld y=%ld z=%ld w=%ld\n", x, y, z, w);
  return (int32_t)(x + y + z + w);
}
