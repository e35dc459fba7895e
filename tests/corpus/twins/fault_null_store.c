/* twin of fault_null_store */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  int32_t* volatile p = NULL;
  p[n] = 1;
  return n;
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
