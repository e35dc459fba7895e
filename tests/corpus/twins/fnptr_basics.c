/* twin of fnptr_basics */
#include "toy_rt.h"

static int64_t square(int64_t x) { return x * x; }
static int64_t negate(int64_t x) { return -x; }
static int64_t twice(int64_t (*f)(int64_t), int64_t x) { return f(f(x)); }

int main(void) {
  int64_t (*f)(int64_t) = square;
  int64_t a = f(7);
  f = negate;
  int64_t b = f(7);
  int64_t c = twice(square, 3);
  int64_t d = twice(negate, 5);
  int64_t (*g)(int64_t) = square;
  bool same = g == square;
  bool differ = g != negate;
  int64_t (*h)(int64_t) = f;
  bool also = h == negate;
  printf("a=%ld b=%ld c=%ld d=%ld same=%d differ=%d also=%d\n", a, b, c, d, (int32_t)same,
         (int32_t)differ, (int32_t)also);
  return (int32_t)(a + b + c + d) + (int32_t)same + (int32_t)differ + (int32_t)also;
}
