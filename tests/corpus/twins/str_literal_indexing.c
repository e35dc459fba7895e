/* twin of str_literal_indexing */
#include "toy_rt.h"

int main(void) {
  uint8_t c = (uint8_t) "hello"[1];
  const char* tail = "hello" + 3;
  uint8_t nul = (uint8_t) "abc"[3];
  uint8_t esc = (uint8_t) "\x30\x31"[1];
  printf("%c %s %u %c\n", c, tail, nul, esc);
  return (int32_t)c + (int32_t)nul + (int32_t)esc + (int32_t)(uint8_t)tail[0];
}
