/* twin of fault_trap_depth1 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  if (n > 0) {
    TOY_TRAP();
  }
  return n;
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
