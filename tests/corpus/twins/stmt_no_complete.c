/* twin of stmt_no_complete */
#include "toy_rt.h"

static int64_t first_square_over(int64_t limit) {
  int64_t i = 0;
  for (;;) {
    i += 1;
    if (i * i > limit) return i;
  }
}

static int64_t sign(int64_t x) { return x < 0 ? -1 : x > 0 ? 1 : 0; }

static int64_t must_be_positive(int64_t x) {
  if (x > 0) return x;
  TOY_TRAP();
}

static int64_t in_block(int64_t x) { return x + 1; }

int main(void) {
  int64_t a = first_square_over(50);
  int64_t b = sign(-9) + sign(0) * 10 + sign(4) * 100;
  int64_t c = must_be_positive(12);
  int64_t d = in_block(41);
  printf("%ld %ld %ld %ld\n", a, b, c, d);
  return (int32_t)(a + b + c + d);
}
