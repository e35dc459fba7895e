/* twin of intrinsic_bits_i8 */
#include "toy_rt.h"

int main(void) {
  int8_t vals[7] = {(int8_t)0,   (int8_t)1,  (int8_t)-1, (int8_t)-128,
                    (int8_t)127, (int8_t)90, (int8_t)6};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int8_t v = vals[i];
    int8_t p = POPCOUNT(int8_t, v);
    int8_t l = CLZ(int8_t, v);
    int8_t t = CTZ(int8_t, v);
    printf("%d %d %d\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
