/* twin of struct_call_result_access */
#include "toy_rt.h"

struct Inner {
  int32_t x, y;
};
struct Outer {
  struct Inner inner;
  struct Inner list[3];
};
struct Sq {
  int64_t v[5];
};

static struct Outer make(int32_t k) {
  return (struct Outer){{k, k + 1}, {{10, 11}, {20, 21}, {30 + k, 31}}};
}

static struct Sq squares(void) { return (struct Sq){{0, 1, 4, 9, 16}}; }

int main(void) {
  int32_t a = make(5).inner.y;
  int32_t b = make(7).list[2].x;
  int64_t c = squares().v[3];
  struct Inner d = make(1).list[1];
  printf("%d %d %ld %d,%d\n", a, b, c, d.x, d.y);
  return a + b + (int32_t)c + d.y;
}
