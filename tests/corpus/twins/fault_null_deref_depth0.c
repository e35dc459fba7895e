/* twin of fault_null_deref_depth0 */
#include "toy_rt.h"

int main(int argc, char** argv) {
  printf("before the fault\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
  int64_t* volatile p = (int64_t*)(uint64_t)(n - n);
  int64_t result = *p;
  printf("not reached %ld\n", result);
  return 1;
}
