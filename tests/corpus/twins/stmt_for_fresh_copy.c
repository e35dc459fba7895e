/* twin of stmt_for_fresh_copy */
#include "toy_rt.h"

int main(void) {
  int64_t count = 0, seen = 0;
  for (int64_t k = 0; k < 5; k++) {
    int64_t i = k;
    int64_t before = i;
    int64_t* p = &i;
    *p = 100;
    seen = seen * 10 + before;
    count += i;
  }
  printf("count=%ld seen=%ld\n", count, seen);
  return (int32_t)(count + seen % 256) % 256;
}
