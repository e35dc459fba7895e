/* twin of fault_f2i_u64_range */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  double x = 18446744073709551616.0 * (double)n;
  int64_t result = (int64_t)F2I(uint64_t, x);
  printf("not reached %ld\n", result);
  return 1;
}
