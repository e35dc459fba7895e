/* twin of stmt_for_range_at_type_max */
#include "toy_rt.h"

int main(void) {
  int64_t n = 0;
  n += 3;      /* top-3 .. top */
  n += 2 * 10; /* 125 .. 127 */
  uint8_t last = 0;
  for (int b = 251; b < 255; b++) {
    last = (uint8_t)b;
    n += 100;
  }
  n += 1000; /* umax-1 .. umax */
  printf("n=%ld last=%u\n", n, last);
  return (int32_t)(n % 256);
}
