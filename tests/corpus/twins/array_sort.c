/* twin of array_sort */
#include "toy_rt.h"

int main(void) {
  int32_t a[10] = {42, -7, 19, 0, 88, -100, 3, 3, 57, 1};
  for (int64_t i = 1; i < 10; i++) {
    int32_t key = a[i];
    int64_t j = i - 1;
    while (j >= 0 && a[j] > key) {
      a[j + 1] = a[j];
      j -= 1;
    }
    a[j + 1] = key;
  }
  for (int i = 0; i < 10; i++) printf("%d ", a[i]);
  printf("\n");
  uint64_t lo = 0, hi = 10;
  int32_t target = 57;
  while (lo < hi) {
    uint64_t mid = (lo + hi) / 2;
    if (a[mid] < target)
      lo = mid + 1;
    else
      hi = mid;
  }
  printf("found at %lu\n", lo);
  return (int32_t)lo * 10 + a[0] + 100;
}
