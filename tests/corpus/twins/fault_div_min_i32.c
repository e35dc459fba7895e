/* twin of fault_div_min_i32 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int32_t m = INT32_MIN;
  int32_t d = (int32_t)(n - n - 1);
  return (int64_t)DIV(int32_t, m, d);
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
