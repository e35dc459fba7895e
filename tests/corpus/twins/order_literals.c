/* twin of order_literals */
#include "toy_rt.h"

struct P {
  int64_t x, y, z;
};

static int64_t trail = 0;

static int64_t t(int64_t v) {
  trail = trail * 10 + v;
  return v;
}

int main(void) {
  struct P p;
  p.z = t(3);
  p.x = t(1);
  p.y = t(2);
  int64_t first = trail;
  trail = 0;
  int64_t a[4];
  a[0] = t(4);
  a[1] = t(3);
  a[2] = t(2);
  a[3] = t(1);
  int64_t second = trail;
  printf("p=%ld,%ld,%ld a=%ld,%ld first=%ld second=%ld\n", p.x, p.y, p.z, a[0], a[3], first,
         second);
  return (int32_t)((first + second) % 256);
}
