/* twin of fault_rem_zero_i64 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int64_t a = 7;
  int64_t z = (int64_t)(n - n);
  return (int64_t)REM(int64_t, a, z);
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
