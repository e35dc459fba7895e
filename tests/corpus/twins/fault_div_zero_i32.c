/* twin of fault_div_zero_i32 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int32_t a = 100;
  int32_t z = (int32_t)(n - n);
  return (int64_t)DIV(int32_t, a, z);
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
