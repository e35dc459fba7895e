/* twin of fault_wild_low */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int64_t* volatile p = (int64_t*)(uint64_t)(n * 16);
  return *p;
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
