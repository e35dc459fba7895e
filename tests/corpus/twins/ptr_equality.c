/* twin of ptr_equality */
#include "toy_rt.h"

int main(void) {
  int16_t a[4] = {1, 2, 3, 4};
  int64_t x = 0, y = 0;
  int16_t* p = &a[0];
  int32_t score = 0;
  if (&a[1] == p + 1) score += 1;
  if (&a[3] != p + 2) score += 2;
  if (&x != &y) score += 4;
  if ((int64_t*)(uint64_t)&x == &x) score += 8;
  if (p != NULL) score += 16;
  if ((p + 4) - 4 == p) score += 32;
  uint8_t* q = (uint8_t*)&a[2];
  if (q == (uint8_t*)p + 4) score += 64;
  printf("score=%d\n", score);
  return score;
}
