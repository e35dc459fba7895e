/* twin of str_escapes */
#include "toy_rt.h"

int main(void) {
  const uint8_t *s = (const uint8_t *)"a\nb\rc\td\0e\\f\'g\"h\x41\x7e\xff\x41" "BC'";
  uint64_t sum = 0;
  for (int i = 0; i < 23; i++) {
    printf("%u ", s[i]);
    sum = sum * 31 + (uint64_t)s[i];
  }
  printf("\n");
  return (int32_t)(sum % 256);
}
