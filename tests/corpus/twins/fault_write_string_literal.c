/* twin of fault_write_string_literal */
#include "toy_rt.h"

static void shout(uint8_t* s) { s[0] = 'H'; }

int main(void) {
  uint8_t* s = (uint8_t*)"hello";
  shout(s);
  return (int32_t)s[0];
}
