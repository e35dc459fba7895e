/* twin of fault_rem_min_i8 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int8_t m = (int8_t)-128;
  int8_t d = (int8_t)(n - n - 1);
  return (int64_t)REM(int8_t, m, d);
}

static int64_t bt_mid(int64_t n) {
  int64_t r = bt_leaf(n + 1);
  return r + 1;
}

static int64_t bt_root(int64_t n) {
  int64_t r = bt_mid(n + 1);
  return r + 1;
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_root((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
