/* twin of str_char_literals */
#include "toy_rt.h"

int main(void) {
  uint8_t chars[11] = {'a', '\n', '\r', '\t', '\0', '\\', '\'', '\"', 0x41, '"', 0xFF};
  uint32_t sum = 0;
  for (int i = 0; i < 11; i++) {
    printf("%u ", chars[i]);
    sum += (uint32_t)chars[i];
  }
  uint8_t upper = (uint8_t)('q' - 32);
  uint8_t wrapped = (uint8_t)(0xFF + 2);
  uint8_t digit = (uint8_t)('7' - '0');
  printf("\n%c %u %u %d\n", upper, wrapped, digit, 1);
  return (int32_t)(sum % 256) + (int32_t)digit;
}
