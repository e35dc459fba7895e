/* twin of array_pointer_to_array */
#include "toy_rt.h"

static void fill(int64_t (*p)[4], int64_t base) {
  for (int64_t i = 0; i < 4; i++) (*p)[i] = base + i;
}

int main(void) {
  int64_t grid[3][4] = {{0}};
  int64_t(*first)[4] = &grid[0];
  fill(first, 100);
  fill(&grid[1], 200);
  int64_t third[4];
  memcpy(third, first[2], sizeof third);
  fill(&grid[2], 300);
  int64_t later[4];
  memcpy(later, first[2], sizeof later);
  int64_t row1[4];
  memcpy(row1, *(first + 1), sizeof row1);
  printf("%ld %ld %ld %ld %ld\n", grid[0][3], grid[1][0], third[1], later[1], row1[2]);
  return (int32_t)((grid[0][3] + grid[1][0] + third[1] + later[1] + row1[2]) % 256);
}
