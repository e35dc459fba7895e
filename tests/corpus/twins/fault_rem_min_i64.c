/* twin of fault_rem_min_i64 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int64_t m = INT64_MIN;
  int64_t d = (int64_t)(n - n - 1);
  return (int64_t)REM(int64_t, m, d);
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
