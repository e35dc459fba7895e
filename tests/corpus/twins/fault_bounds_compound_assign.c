/* twin of fault_bounds_compound_assign */
#include "toy_rt.h"

static int64_t histogram(uint8_t* values, int64_t n) {
  int64_t counts[4] = {0};
  for (int64_t i = 0; i < n; i++) AT(counts, values[i]) += 1;
  return counts[0];
}

int main(void) {
  uint8_t data[6] = {0, 1, 2, 3, 2, 4};
  int64_t r = histogram(data, 6);
  printf("not reached %ld\n", r);
  return 1;
}
