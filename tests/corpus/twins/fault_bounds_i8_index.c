/* twin of fault_bounds_i8_index */
#include "toy_rt.h"

static uint8_t pick(uint8_t (*a)[16], int8_t k) { return AT(*a, k); }

int main(void) {
  uint8_t table[16] = {0};
  int32_t sum = 0;
  int8_t k = 14;
  for (int i = 0; i < 3; i++) {
    sum += (int32_t)pick(&table, k);
    k = (int8_t)(k - 10);
  }
  return sum;
}
