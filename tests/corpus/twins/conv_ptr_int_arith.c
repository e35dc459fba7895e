/* twin of conv_ptr_int_arith */
#include "toy_rt.h"

int main(void) {
  int64_t a[6] = {11, 22, 33, 44, 55, 66};
  int64_t* base = &a[0];
  uint64_t addr = (uint64_t)base;
  int64_t* third = (int64_t*)(addr + 2 * sizeof(int64_t));
  bool same = third == base + 2;
  int64_t sgn = (int64_t)base;
  int64_t* back = (int64_t*)(sgn + 40);
  int64_t diff = (int64_t)&a[5] - sgn;
  printf("%ld %d %ld %ld\n", *third, (int32_t)same, *back, diff);
  return (int32_t)(*third + *back + diff) + (int32_t)same;
}
