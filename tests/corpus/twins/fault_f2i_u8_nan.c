/* twin of fault_f2i_u8_nan */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  double z = (double)(n - n);
  double x = z / z;
  int64_t result = (int64_t)F2I(uint8_t, x);
  printf("not reached %ld\n", result);
  return 1;
}
