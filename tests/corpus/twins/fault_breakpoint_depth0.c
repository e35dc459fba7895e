/* twin of fault_breakpoint_depth0 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  TOY_BREAKPOINT();
  int64_t result = n;
  printf("not reached %ld\n", result);
  return 1;
}
