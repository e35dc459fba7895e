/* twin of order_assignment */
#include "toy_rt.h"

static int64_t trail = 0;
static int64_t g = 10;
static int64_t arr[4];

static int64_t t(int64_t v) {
  trail = trail * 10 + v;
  return v;
}

static int64_t clobber_g(void) {
  t(9);
  g = 1000;
  return 1;
}

static int64_t clobber_arr(void) {
  t(8);
  arr[2] = 500;
  return 2;
}

static int64_t* target(void) {
  t(7);
  return &arr[3];
}

int main(void) {
  int64_t *place, old, v;
  place = &arr[t(1)];
  v = t(2);
  *place = v;
  arr[2] = 5;
  place = &arr[t(2)];
  old = *place;
  v = clobber_arr();
  *place = old + v;
  place = &g;
  old = *place;
  v = clobber_g();
  *place = old + v;
  place = target();
  v = t(6);
  *place = v;
  place = target();
  old = *place;
  v = t(3);
  *place = old - v;
  printf("arr=%ld,%ld,%ld,%ld g=%ld trail=%ld\n", arr[0], arr[1], arr[2], arr[3], g, trail);
  return (int32_t)((arr[1] + arr[2] + arr[3] + g + trail) % 256);
}
