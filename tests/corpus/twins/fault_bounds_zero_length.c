/* twin of fault_bounds_zero_length */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int64_t a[0];
  return AT(a, n - n);
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
