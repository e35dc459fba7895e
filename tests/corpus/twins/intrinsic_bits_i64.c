/* twin of intrinsic_bits_i64 */
#include "toy_rt.h"

int main(void) {
  int64_t vals[7] = {(int64_t)0ll,
                     (int64_t)1ll,
                     (int64_t)-1ll,
                     INT64_MIN,
                     (int64_t)9223372036854775807ll,
                     (int64_t)6510615555426900570ll,
                     (int64_t)6ll};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int64_t v = vals[i];
    int64_t p = POPCOUNT(int64_t, v);
    int64_t l = CLZ(int64_t, v);
    int64_t t = CTZ(int64_t, v);
    printf("%ld %ld %ld\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }
  return (int32_t)(checksum % 256);
}
