/* twin of fault_null_field */
#include "toy_rt.h"
struct Pair {
  int64_t a;
  int64_t b;
};

static int64_t bt_leaf(int64_t n) {
  struct Pair* volatile p = (struct Pair*)(uint64_t)(n - n);
  return p->b;
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
