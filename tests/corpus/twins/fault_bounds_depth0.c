/* twin of fault_bounds_depth0 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  int64_t a[4] = {10, 20, 30, 40};
  int64_t result = AT(a, n + 3);
  printf("not reached %ld\n", result);
  return 1;
}
