/* twin of fault_bounds_huge_u64 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int32_t a[3] = {0};
  uint64_t i = (uint64_t)n << 63;
  return (int64_t)AT(a, i);
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
