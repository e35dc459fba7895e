/* twin of fault_f2i_i8_range */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  double x = -129.0 * (double)n;
  int64_t result = (int64_t)F2I(int8_t, x);
  printf("not reached %ld\n", result);
  return 1;
}
