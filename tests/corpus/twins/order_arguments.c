/* twin of order_arguments */
#include "toy_rt.h"

static int64_t trail = 0;

static int64_t t(int64_t v) {
  trail = trail * 10 + v;
  return v;
}

static int64_t three(int64_t a, int64_t b, int64_t c) { return a * 100 + b * 10 + c; }

int main(void) {
  int64_t a1 = t(1), a2 = t(2), a3 = t(3);
  int64_t r = three(a1, a2, a3);
  int64_t first = trail;
  trail = 0;
  int64_t b1 = t(4);
  int64_t c1 = t(5), c2 = t(6), c3 = t(7);
  int64_t b2 = three(c1, c2, c3);
  int64_t b3 = t(8);
  int64_t s = three(b1, b2, b3);
  int64_t second = trail;
  trail = 0;
  int64_t p1 = t(9), p2 = t(8), p3 = t(7);
  printf("%ld %ld %ld\n", p1, p2, p3);
  printf("r=%ld first=%ld s=%ld second=%ld third=%ld\n", r, first, s, second, trail);
  return (int32_t)((first + second + trail) % 256);
}
