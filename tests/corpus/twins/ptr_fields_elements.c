/* twin of ptr_fields_elements */
#include "toy_rt.h"

struct Pair {
  int32_t a, b;
};

int main(void) {
  struct Pair s = {1, 2};
  int32_t* pb = &s.b;
  *pb = 20;
  struct Pair arr[4] = {{0, 0}, {1, 1}, {2, 2}, {3, 3}};
  struct Pair* e = &arr[2];
  e->a = 200;
  int32_t* f = &arr[3].b;
  *f += 300;
  uint8_t nums[3] = {1, 2, 3};
  uint8_t* n = &nums[1];
  *n = 250;
  *(&nums[0]) = 9;
  printf("s=%d,%d arr2=%d,%d arr3=%d,%d nums=%u,%u,%u\n", s.a, s.b, arr[2].a, arr[2].b, arr[3].a,
         arr[3].b, nums[0], nums[1], nums[2]);
  return s.b + arr[2].a + arr[3].b + (int32_t)nums[1];
}
