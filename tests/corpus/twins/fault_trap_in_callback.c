/* twin of fault_trap_in_callback */
#include "toy_rt.h"

static int strict_cmp(const void* a, const void* b) {
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  if (x == 13 || y == 13) TOY_TRAP();
  return (int32_t)(x > y) - (int32_t)(x < y);
}

int main(void) {
  int64_t v[5] = {4, 8, 13, 1, 2};
  qsort(v, 5, 8, strict_cmp);
  return (int32_t)v[0];
}
