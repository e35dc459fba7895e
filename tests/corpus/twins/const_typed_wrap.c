/* twin of const_typed_wrap */
#include "toy_rt.h"

int main(void) {
  int64_t wrapped = INT64_MIN;
  uint8_t small2 = (uint8_t)(250 + 10);
  uint32_t neg = 0u - 1u;
  uint8_t sh = TOY_SHL(uint8_t, 8, (uint8_t)250, 9);
  int16_t mul = (int16_t)(300 * 200);
  int64_t len = 5;
  int32_t arr[5] = {0};
  arr[4] = -3;
  printf("%ld %u %u %u %d %ld %d\n", wrapped, small2, neg, sh, mul, len, arr[4]);
  return (int32_t)small2 + (int32_t)sh;
}
