/* twin of fault_assert_depth4 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  TOY_ASSERT(n < 0);
  return n;
}

static int64_t bt_mid2(int64_t n) {
  int64_t r = bt_leaf(n + 1);
  return r + 1;
}

static int64_t bt_mid1(int64_t n) {
  int64_t r = bt_mid2(n + 1);
  return r + 1;
}

static int64_t bt_root(int64_t n) {
  int64_t r = bt_mid1(n + 1);
  return r + 1;
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_root((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
