/* twin of fault_rem_zero_i32 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  int32_t a = 7;
  int32_t z = (int32_t)(n - n);
  int64_t result = (int64_t)REM(int32_t, a, z);
  printf("not reached %ld\n", result);
  return 1;
}
