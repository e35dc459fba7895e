/* twin of cinterop_qsort_callback */
#include "toy_rt.h"

static int64_t comparisons = 0;

static int by_value(const void* a, const void* b) {
  comparisons += 1;
  int32_t x = *(const int32_t*)a, y = *(const int32_t*)b;
  if (x < y) return -1;
  if (x > y) return 1;
  return 0;
}

struct Rec {
  int64_t key;
  uint8_t tag;
};

static int by_key_desc(const void* a, const void* b) {
  int64_t x = ((const struct Rec*)a)->key, y = ((const struct Rec*)b)->key;
  return (int32_t)(y > x) - (int32_t)(y < x);
}

int main(void) {
  int32_t nums[9] = {5, -3, 99, 0, 42, -100, 7, 7, 1};
  qsort(nums, 9, sizeof(int32_t), by_value);
  for (int i = 0; i < 9; i++) printf("%d ", nums[i]);
  printf("\n");
  struct Rec recs[4] = {{3, 'c'}, {10, 'a'}, {-2, 'd'}, {5, 'b'}};
  qsort(recs, 4, sizeof(struct Rec), by_key_desc);
  for (int i = 0; i < 4; i++) printf("%c", recs[i].tag);
  printf(" called=%d\n", (int32_t)(comparisons > 0));
  return nums[0] + nums[8] + (int32_t)recs[0].key;
}
