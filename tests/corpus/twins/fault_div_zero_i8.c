/* twin of fault_div_zero_i8 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int8_t a = 100;
  int8_t z = (int8_t)(n - n);
  return (int64_t)DIV(int8_t, a, z);
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
