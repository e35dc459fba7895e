/* twin of str_utf8_bytes */
#include "toy_rt.h"

int main(void) {
  const uint8_t* s = (const uint8_t*)"h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac";
  uint64_t n = strlen((const char*)s);
  int32_t high = 0;
  for (uint64_t i = 0; i < n; i++)
    if (s[i] >= 0x80) high += 1;
  printf("%s %lu %d\n", (const char*)s, n, high);
  return (int32_t)n * 10 + high;
}
