/* twin of fault_div_zero_i64 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  int64_t a = 100;
  int64_t z = (int64_t)(n - n);
  int64_t result = (int64_t)DIV(int64_t, a, z);
  printf("not reached %ld\n", result);
  return 1;
}
