/* twin of misc_deep_recursion */
#include "toy_rt.h"

static int64_t depth_sum(int64_t n) { return n == 0 ? 0 : n + depth_sum(n - 1); }

int main(void) {
  int64_t s = depth_sum(50000);
  printf("sum=%ld\n", s);
  return (int32_t)(s % 256);
}
