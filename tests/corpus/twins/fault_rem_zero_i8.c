/* twin of fault_rem_zero_i8 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  int8_t a = 7;
  int8_t z = (int8_t)(n - n);
  int64_t result = (int64_t)REM(int8_t, a, z);
  printf("not reached %ld\n", result);
  return 1;
}
