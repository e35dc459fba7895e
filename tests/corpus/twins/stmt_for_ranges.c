/* twin of stmt_for_ranges */
#include "toy_rt.h"

int main(void) {
  int64_t sum = 0;
  for (int64_t i = 0; i < 10; i++) sum += i;
  for (int64_t i = -5; i < 3; i++) sum += i * 100;
  uint8_t bytes = 0;
  int32_t count = 0;
  for (int b = 250; b < 255; b++) {
    bytes ^= (uint8_t)b;
    count += 1;
  }
  for (int b = 0; b < 255; b++) {
    count += 1;
    bytes = (uint8_t)(bytes + b);
  }
  int64_t small = 0;
  for (int k = -128; k < 127; k++) small += k;
  for (uint64_t j = 1; j < 4; j++) sum += (int64_t)(j * j);
  printf("sum=%ld bytes=%u count=%d small=%ld\n", sum, bytes, count, small);
  return (int32_t)((sum + small) % 256) + count;
}
