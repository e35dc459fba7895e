/* twin of stmt_for_counter_type */
#include "toy_rt.h"

int main(void) {
  uint64_t doubled = 0, shifted = 0;
  for (int v = 0; v < 200; v++) {
    uint8_t i = (uint8_t)v;
    doubled += (uint64_t)(uint8_t)(i * 2);
    shifted += (uint64_t)(uint8_t)(i + 200);
  }
  int64_t neg = 0;
  for (int v = -3; v < 3; v++) {
    int16_t k = (int16_t)v;
    neg += (int64_t)(int16_t)(k * 16384);
  }
  printf("doubled=%lu shifted=%lu neg=%ld\n", doubled, shifted, neg);
  return (int32_t)((doubled + shifted) % 256);
}
