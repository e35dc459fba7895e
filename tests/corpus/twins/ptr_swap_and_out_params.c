/* twin of ptr_swap_and_out_params */
#include "toy_rt.h"

struct Range {
  int64_t lo, hi;
};

static void swap(int64_t* a, int64_t* b) {
  int64_t t = *a;
  *a = *b;
  *b = t;
}

static void divmod(int64_t n, int64_t d, int64_t* q, int64_t* r) {
  *q = n / d;
  *r = n % d;
}

int main(void) {
  int64_t x = 3, y = 9;
  swap(&x, &y);
  int64_t q = 0, r = 0;
  divmod(-47, 5, &q, &r);
  struct Range range = {50, 10};
  if (range.lo > range.hi) swap(&range.lo, &range.hi);
  printf("x=%ld y=%ld q=%ld r=%ld range=%ld..%ld\n", x, y, q, r, range.lo, range.hi);
  return (int32_t)(x * 10 + y + q + r + range.lo);
}
