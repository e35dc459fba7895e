/* twin of intrinsic_assert_holds */
#include "toy_rt.h"

static int64_t checked_div(int64_t a, int64_t b) {
  TOY_ASSERT(b != 0);
  return DIV(int64_t, a, b);
}

int main(void) {
  int32_t passed = 0;
  for (int64_t i = 1; i < 20; i++) {
    TOY_ASSERT(i > 0);
    TOY_ASSERT(checked_div(100, i) <= 100);
    passed += 1;
  }
  uint8_t x = 200;
  TOY_ASSERT((uint8_t)(x + 100) == 44);
  if (passed < 0) TOY_TRAP();
  printf("passed=%d\n", passed);
  return passed;
}
