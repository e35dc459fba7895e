/* twin of fault_wild_noncanonical */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  uint8_t* volatile p = (uint8_t*)(0x8000000000000000ull | (uint64_t)n);
  return (int64_t)*p;
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
