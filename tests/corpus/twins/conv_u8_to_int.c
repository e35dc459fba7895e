/* twin of conv_u8_to_int */
#include "toy_rt.h"

int main(void) {
  uint8_t vals[6] = {(uint8_t)0, (uint8_t)1, (uint8_t)128, (uint8_t)254, (uint8_t)255, (uint8_t)90};
  uint64_t checksum = 0;
  for (int i = 0; i < 6; i++) {
    uint8_t v = vals[i];
    printf("%d %d %d %ld %u %u %u %lu\n", (int8_t)v, (int16_t)v, (int32_t)v, (int64_t)v, (uint8_t)v,
           (uint16_t)v, (uint32_t)v, (uint64_t)v);
    checksum = checksum * 3 + (uint64_t)(int8_t)v + (uint64_t)(int16_t)v + (uint64_t)(int32_t)v +
               (uint64_t)(int64_t)v + (uint64_t)(uint8_t)v + (uint64_t)(uint16_t)v +
               (uint64_t)(uint32_t)v + (uint64_t)(uint64_t)v;
  }
  return (int32_t)(checksum % 256);
}
