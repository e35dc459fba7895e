/* twin of intrinsic_bits_i16 */
#include "toy_rt.h"

int main(void) {
  int16_t vals[7] = {(int16_t)0,     (int16_t)1,     (int16_t)-1, (int16_t)-32768,
                     (int16_t)32767, (int16_t)23130, (int16_t)6};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int16_t v = vals[i];
    int16_t p = POPCOUNT(int16_t, v);
    int16_t l = CLZ(int16_t, v);
    int16_t t = CTZ(int16_t, v);
    printf("%d %d %d\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
