/* twin of conv_i64_to_int */
#include "toy_rt.h"

int main(void) {
  int64_t vals[7] = {INT64_MIN,
                     (int64_t)-9223372036854775807ll,
                     (int64_t)-1ll,
                     (int64_t)0ll,
                     (int64_t)1ll,
                     (int64_t)9223372036854775807ll,
                     (int64_t)6510615555426900570ll};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int64_t v = vals[i];
    printf("%d %d %d %ld %u %u %u %lu\n", (int8_t)v, (int16_t)v, (int32_t)v, (int64_t)v, (uint8_t)v,
           (uint16_t)v, (uint32_t)v, (uint64_t)v);
    checksum = checksum * 3 + (uint64_t)(int8_t)v + (uint64_t)(int16_t)v + (uint64_t)(int32_t)v +
               (uint64_t)(int64_t)v + (uint64_t)(uint8_t)v + (uint64_t)(uint16_t)v +
               (uint64_t)(uint32_t)v + (uint64_t)(uint64_t)v;
  }
  return (int32_t)(checksum % 256);
}
