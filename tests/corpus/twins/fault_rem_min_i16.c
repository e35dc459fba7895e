/* twin of fault_rem_min_i16 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  int16_t m = (int16_t)-32768;
  int16_t d = (int16_t)(n - n - 1);
  int64_t result = (int64_t)REM(int16_t, m, d);
  printf("not reached %ld\n", result);
  return 1;
}
