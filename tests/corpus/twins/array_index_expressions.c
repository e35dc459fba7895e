/* twin of array_index_expressions */
#include "toy_rt.h"

static uint16_t idx(int32_t k) { return (uint16_t)(k * 3 % 7); }

int main(void) {
  int32_t a[7] = {0};
  for (int64_t k = 0; k < 7; k++) AT(a, idx((int32_t)k)) = (int32_t)(k * k);
  uint8_t b = 2;
  int16_t c = 3;
  uint32_t d = 1;
  int32_t* place = &AT(a, (uint8_t)(b + 1));
  int32_t old = *place;
  int32_t rhs = AT(a, (int64_t)c - 1) + AT(a, d * 2);
  *place = old + rhs;
  int64_t line = 0;
  for (int k = 0; k < 7; k++) line = line * 100 + (int64_t)a[k];
  printf("%ld\n", line);
  return (int32_t)(line % 256);
}
