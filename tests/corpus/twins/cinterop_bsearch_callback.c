/* twin of cinterop_bsearch_callback */
#include "toy_rt.h"

static int cmp_u64(const void* a, const void* b) {
  uint64_t x = *(const uint64_t*)a, y = *(const uint64_t*)b;
  if (x < y) return -1;
  if (x == y) return 0;
  return 1;
}

int main(void) {
  uint64_t table[20];
  for (int64_t i = 0; i < 20; i++) table[i] = (uint64_t)(i * i);
  int64_t found = 0, missing = 0;
  for (int64_t k = 0; k < 30; k++) {
    uint64_t key = (uint64_t)(k * 3);
    uint64_t* hit = bsearch(&key, table, 20, sizeof(uint64_t), cmp_u64);
    if (hit == NULL) {
      missing += 1;
    } else {
      int64_t idx = hit - &table[0];
      printf("%lu at %ld\n", key, idx);
      found += idx;
    }
  }
  printf("found=%ld missing=%ld\n", found, missing);
  return (int32_t)(found + missing);
}
