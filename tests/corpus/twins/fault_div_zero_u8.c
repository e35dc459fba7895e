/* twin of fault_div_zero_u8 */
#include "toy_rt.h"

static int64_t bt_leaf(int64_t n) {
  uint8_t a = 100;
  uint8_t z = (uint8_t)(n - n);
  return (int64_t)DIV(uint8_t, a, z);
}

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t r = bt_leaf((int64_t)argc);
  printf("not reached %ld\n", r);
  return 1;
}
