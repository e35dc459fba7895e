/* twin of int_i64_cmpbit */
#include "toy_rt.h"

int main(void) {
  int64_t v[5] = {INT64_MIN, (int64_t)-1ll, (int64_t)0ll, (int64_t)1ll,
                  (int64_t)9223372036854775807ll};
  uint64_t checksum = 0;
  for (int i = 0; i < 5; i++) {
    for (int j = 0; j < 5; j++) {
      int64_t a = v[i];
      int64_t b = v[j];
      uint64_t mask = (uint64_t)(a < b) | ((uint64_t)(a <= b) << 1) | ((uint64_t)(a > b) << 2) |
                      ((uint64_t)(a >= b) << 3) | ((uint64_t)(a == b) << 4) |
                      ((uint64_t)(a != b) << 5);
      printf("%lu %ld %ld %ld %ld\n", mask, (int64_t)(a & b), (int64_t)(a | b), (int64_t)(a ^ b),
             (int64_t)~a);
      checksum = checksum * 7 + mask + (uint64_t)(int64_t)(a ^ b);
    }
  }
  return (int32_t)(checksum % 256);
}
