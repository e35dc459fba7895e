/* twin of fault_f2i_i64_neg_inf */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  double z = (double)(n - n);
  double x = -1.0 / z;
  return F2I(int64_t, x);
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
