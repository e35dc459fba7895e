/* twin of fault_f2i_u32_range */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  double x = -1.0 * (double)n;
  return (int64_t)F2I(uint32_t, x);
}

static int64_t bt_root(int64_t n) {
  int64_t r = bt_leaf(n + 1);
  return r + 1;
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_root((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
