/* twin of array_of_pointers */
#include "toy_rt.h"

int main(void) {
  int64_t a = 1, b = 2;
  int64_t c[2] = {30, 40};
  int64_t* ptrs[4] = {&a, &b, &c[0], &c[1]};
  for (int i = 0; i < 4; i++) *ptrs[i] *= 10;
  *ptrs[3] += *ptrs[0];
  int64_t** pp = &ptrs[1];
  **pp += 1;
  printf("a=%ld b=%ld c=%ld,%ld\n", a, b, c[0], c[1]);
  return (int32_t)(a + b + c[0] + c[1]) % 256;
}
