/* twin of conv_i32_to_int */
#include "toy_rt.h"

int main(void) {
  int32_t vals[7] = {INT32_MIN,  (int32_t)-2147483647, (int32_t)-1,        (int32_t)0,
                     (int32_t)1, (int32_t)2147483647,  (int32_t)1515870810};
  uint64_t checksum = 0;
  for (int i = 0; i < 7; i++) {
    int32_t v = vals[i];
    printf("%d %d %d %ld %u %u %u %lu\n", (int8_t)v, (int16_t)v, (int32_t)v, (int64_t)v, (uint8_t)v,
           (uint16_t)v, (uint32_t)v, (uint64_t)v);
    checksum = checksum * 3 + (uint64_t)(int8_t)v + (uint64_t)(int16_t)v + (uint64_t)(int32_t)v +
               (uint64_t)(int64_t)v + (uint64_t)(uint8_t)v + (uint64_t)(uint16_t)v +
               (uint64_t)(uint32_t)v + (uint64_t)(uint64_t)v;
  }
  return (int32_t)(checksum % 256);
}
