/* twin of fault_div_zero_u32 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  uint32_t a = 100;
  uint32_t z = (uint32_t)(n - n);
  int64_t result = (int64_t)DIV(uint32_t, a, z);
  printf("not reached %ld\n", result);
  return 1;
}
