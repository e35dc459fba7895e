/* twin of fault_stack_overflow */
#include "toy_rt.h"

static int64_t* volatile sink = NULL;

static int64_t dive(int64_t n) {
  int64_t frame[32] = {0};
  AT(frame, n & 31) = n;
  sink = &frame[0];
  int64_t r = dive(n + 1);
  return r + AT(frame, (uint64_t)(r & 31));
}

int main(void) {
  printf("diving\n");
  fflush(NULL);
  int64_t r = dive(0);
  printf("not reached %ld\n", r);
  return 1;
}
