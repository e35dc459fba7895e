/* twin of array_basics */
#include "toy_rt.h"

int main(void) {
  int32_t a[5] = {5, 4, 3, 2, 1};
  int32_t z[4] = {0};
  int32_t b[5];
  memcpy(b, a, sizeof a);
  b[0] = 50;
  a[1] = 40;
  a[2] += 30;
  printf("a=%d %d %d %d %d\n", a[0], a[1], a[2], a[3], a[4]);
  printf("b=%d %d %d %d %d\n", b[0], b[1], b[2], b[3], b[4]);
  printf("z=%d %d %d %d\n", z[0], z[1], z[2], z[3]);
  int32_t sum = 0;
  for (int i = 0; i < 5; i++) sum += a[i] * (i + 1) + b[i];
  return sum;
}
