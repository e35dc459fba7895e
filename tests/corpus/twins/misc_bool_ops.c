/* twin of misc_bool_ops */
#include "toy_rt.h"

static bool xor_(bool a, bool b) { return a != b; }
static bool implies(bool a, bool b) { return !a || b; }

int main(void) {
  int64_t table = 0;
  bool vals[2] = {false, true};
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++) {
      bool a = vals[i], b = vals[j];
      int64_t bits = (int64_t)xor_(a, b) | ((int64_t)implies(a, b) << 1) |
                     ((int64_t)(a == b) << 2) | ((int64_t)(a && b) << 3) | ((int64_t)(a || b) << 4);
      table = table * 32 + bits;
    }
  printf("table=%ld %u %ld\n", table, (uint8_t)1, (int64_t)0);
  return (int32_t)(table % 256);
}
