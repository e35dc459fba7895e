/* twin of intrinsic_bits_i32 */
#include "toy_rt.h"

int main(void) {
  int32_t vals[7] = {(int32_t)0,          (int32_t)1,          (int32_t)-1, INT32_MIN,
                     (int32_t)2147483647, (int32_t)1515870810, (int32_t)6};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int32_t v = vals[i];
    int32_t p = POPCOUNT(int32_t, v);
    int32_t l = CLZ(int32_t, v);
    int32_t t = CTZ(int32_t, v);
    printf("%d %d %d\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
