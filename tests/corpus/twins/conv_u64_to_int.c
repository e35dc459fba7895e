/* twin of conv_u64_to_int */
#include "toy_rt.h"

int main(void) {
  uint64_t vals[6] = {(uint64_t)0ull,
                      (uint64_t)1ull,
                      (uint64_t)9223372036854775808ull,
                      (uint64_t)18446744073709551614ull,
                      (uint64_t)18446744073709551615ull,
                      (uint64_t)6510615555426900570ull};
  uint64_t checksum = 0;
  for (int i = 0; i < 6; i++) {
    uint64_t v = vals[i];
    printf("%d %d %d %ld %u %u %u %lu\n", (int8_t)v, (int16_t)v, (int32_t)v, (int64_t)v, (uint8_t)v,
           (uint16_t)v, (uint32_t)v, (uint64_t)v);
    checksum = checksum * 3 + (uint64_t)(int8_t)v + (uint64_t)(int16_t)v + (uint64_t)(int32_t)v +
               (uint64_t)(int64_t)v + (uint64_t)(uint8_t)v + (uint64_t)(uint16_t)v +
               (uint64_t)(uint32_t)v + (uint64_t)(uint64_t)v;
  }
  return (int32_t)(checksum % 256);
}
