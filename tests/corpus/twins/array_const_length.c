/* twin of array_const_length */
#include "toy_rt.h"

int main(void) {
  uint16_t m[3][4] = {{0}};
  uint16_t flat[12] = {0};
  uint8_t big[24] = {0};
  uint16_t k = 0;
  for (int64_t i = 0; i < 3; i++)
    for (int64_t j = 0; j < 4; j++) {
      m[i][j] = k;
      flat[i * 4 + j] = (uint16_t)(k * 2);
      k = (uint16_t)(k + 1);
    }
  big[23] = 9;
  printf("%lu %lu %lu %u %u %u\n", sizeof(uint16_t[3][4]), sizeof(uint16_t[12]),
         sizeof(uint8_t[24]), m[2][3], flat[11], big[23]);
  return (int32_t)(uint16_t)(m[2][3] + flat[11] + (uint16_t)big[23]);
}
