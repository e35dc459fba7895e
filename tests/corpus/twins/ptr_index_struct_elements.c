/* twin of ptr_index_struct_elements */
#include "toy_rt.h"

struct P {
  int16_t x;
  int64_t y;
};

static int64_t sum_x(struct P* p, int64_t n) {
  int64_t s = 0;
  for (int64_t i = 0; i < n; i++) s += (int64_t)p[i].x;
  return s;
}

int main(void) {
  struct P ps[5] = {{0}};
  struct P* p = &ps[0];
  for (int64_t i = 0; i < 5; i++) {
    p[i].x = (int16_t)(i * 3);
    (p + i)->y = i * 1000;
  }
  int64_t d = &ps[4] - &ps[1];
  int64_t s = sum_x(p, 5);
  int64_t t = sum_x(p + 2, 3);
  printf("s=%ld t=%ld d=%ld y3=%ld\n", s, t, d, ps[3].y);
  return (int32_t)(s + t + d + ps[3].y / 100);
}
