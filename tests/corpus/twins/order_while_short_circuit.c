/* twin of order_while_short_circuit */
#include "toy_rt.h"

static int64_t tests = 0;

static bool counted(bool b) {
  tests += 1;
  return b;
}

int main(void) {
  int64_t a[5] = {3, 1, 4, 1, 5};
  int64_t i = 0;
  while (i < 5 && AT(a, i) != 5) i += 1;
  int64_t j = 0;
  while (counted(j < 3) || counted(false)) j += 1;
  printf("i=%ld j=%ld tests=%ld\n", i, j, tests);
  return (int32_t)(i * 10 + j + tests);
}
