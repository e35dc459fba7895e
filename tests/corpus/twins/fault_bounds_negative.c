/* twin of fault_bounds_negative */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  uint8_t a[8] = {0};
  int64_t i = 1 - n - n;
  return (int64_t)AT(a, i);
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
