/* twin of global_const_scalars */
#include "toy_rt.h"

int main(void) {
  int8_t c_i8 = -128;
  uint16_t c_u16 = 65535;
  int32_t c_i32 = INT32_MIN;
  uint64_t c_u64 = UINT64_MAX;
  double c_f = 2.5;
  bool c_b = true;
  uint8_t c_ch = 'T';
  int64_t c_sum = 1024;
  double c_half = 1.25;
  printf("%d %u %d %lu %.17g %d %c %ld %.17g\n", c_i8, c_u16, c_i32, c_u64, c_f, (int32_t)c_b, c_ch,
         c_sum, c_half);
  int32_t score = 0;
  if (c_b) score += 1;
  if (c_u64 + 1 == 0) score += 2;
  if ((int8_t)(c_i8 - 1) == 127) score += 4;
  return score + (int32_t)c_ch + (int32_t)(c_sum % 100);
}
