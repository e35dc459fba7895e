/* twin of fault_assert_in_loop */
#include "toy_rt.h"

static int64_t check_step(int64_t i, int64_t total) {
  TOY_ASSERT(total < 15);
  return total + i;
}

int main(void) {
  int64_t total = 0;
  for (int64_t i = 0; i < 10; i++) {
    printf("step %ld total %ld\n", i, total);
    fflush(NULL);
    total = check_step(i, total);
  }
  return (int32_t)total;
}
