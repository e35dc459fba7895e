/* twin of fnptr_void_and_struct_args */
#include "toy_rt.h"

struct V {
  double x, y;
};

static int64_t total = 0;

static void bump(int64_t n) { total += n; }
static void bump_twice(int64_t n) { total += 2 * n; }
static struct V flip(struct V v) { return (struct V){v.y, -v.x}; }

static void (*hook)(int64_t) = bump;

static void apply_all(void (*f)(int64_t), int64_t n) {
  for (int64_t i = 0; i < n; i++) f(i);
}

int main(void) {
  apply_all(hook, 5);
  hook = bump_twice;
  apply_all(hook, 4);
  struct V (*t)(struct V) = flip;
  struct V v = t(t(t((struct V){1.5, 2.0})));
  printf("total=%ld v=%.17g,%.17g\n", total, v.x, v.y);
  return (int32_t)total + F2I(int32_t, v.x);
}
