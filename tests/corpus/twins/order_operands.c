/* twin of order_operands */
#include "toy_rt.h"

static int64_t trail = 0;

static int64_t t(int64_t v) {
  trail = trail * 10 + v;
  return v;
}

int main(void) {
  int64_t x, y, z;
  x = t(1);
  y = t(2);
  int64_t a = x - y;
  x = t(3);
  y = t(4);
  z = t(2);
  int64_t b = x * 10 + y / z;
  x = t(5);
  y = t(6);
  bool c = x < y;
  x = t(7);
  y = t(1);
  int64_t d = TOY_SHL(int64_t, 64, x, y);
  x = t(8);
  y = t(9);
  z = t(3);
  int64_t e = (x ^ y) | z;
  int64_t first = trail;
  trail = 0;
  int64_t arr[5] = {10, 20, 30, 40, 50};
  x = t(2);
  y = t(4);
  int64_t f = arr[x] + arr[y];
  int64_t* p = &arr[0];
  x = t(3);
  y = t(1);
  int64_t g = *(p + x) - p[y];
  printf("a=%ld b=%ld c=%d d=%ld e=%ld f=%ld g=%ld first=%ld second=%ld\n", a, b, (int32_t)c, d, e,
         f, g, first, trail);
  return (int32_t)((first + trail) % 256);
}
