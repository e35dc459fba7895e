/* twin of fault_div_assign_zero */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int64_t x = 5;
  x = DIV(int64_t, x, n - n);
  return x;
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
