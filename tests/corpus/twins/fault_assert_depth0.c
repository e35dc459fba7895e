/* twin of fault_assert_depth0 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  TOY_ASSERT(n < 0);
  int64_t result = n;
  printf("not reached %ld\n", result);
  return 1;
}
