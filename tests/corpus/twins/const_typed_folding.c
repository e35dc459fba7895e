/* twin of const_typed_folding */
#include "toy_rt.h"

int main(void) {
  uint8_t wrap = (uint8_t)(200 + 100);
  int64_t shifted = TOY_SHL(int64_t, 64, 1, 64);
  uint8_t neg_half = F2I(uint8_t, -0.5);
  int8_t trunc_ = F2I(int8_t, 2.9);
  int32_t mixed = (int32_t)(int16_t)70000;
  uint32_t big = 4000000000u * 2u;
  uint8_t local = (uint8_t)(250 + 10);
  uint8_t clz = CLZ(uint8_t, 1);
  uint16_t pop = POPCOUNT(uint16_t, 255);
  printf("%u %ld %u %d %d %u %u %u %u\n", wrap, shifted, neg_half, trunc_, mixed, big, local, clz,
         pop);
  return (int32_t)wrap + (int32_t)shifted + (int32_t)trunc_ + (int32_t)local + (int32_t)clz +
         (int32_t)pop;
}
