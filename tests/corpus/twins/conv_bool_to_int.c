/* twin of conv_bool_to_int */
#include "toy_rt.h"

int main(void) {
  printf("%d %d %d %ld %u %u %u %lu\n", 1, 1, 1, 1l, 1u, 1u, 1u, 1ul);
  printf("%d %d %d %ld %u %u %u %lu\n", 0, 0, 0, 0l, 0u, 0u, 0u, 0ul);
  int64_t count = 0;
  for (int64_t i = 0; i < 10; i++) count += (int64_t)(i % 3 == 0);
  return (int32_t)(count + 100);
}
