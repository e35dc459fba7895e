/* twin of const_untyped_edges */
#include "toy_rt.h"

int main(void) {
  int8_t m = -128;
  int8_t z = 50;
  uint64_t y = 1ull << 40;
  uint64_t big = UINT64_MAX;
  int64_t top = INT64_MAX;
  int64_t low = INT64_MIN;
  int16_t mixed = 0x7FFF - 077 + 3;
  uint32_t under = 4000000u;
  printf("%d %d %lu %lu %ld %ld %d %u\n", m, z, y, big, top, low, mixed, under);
  return m + z + 200;
}
