/* twin of int_u16_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, uint16_t v) {
  printf("%s=%u\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint16_t a[10] = {(uint16_t)7,     (uint16_t)65535, (uint16_t)65535, (uint16_t)0,
                    (uint16_t)65535, (uint16_t)65534, (uint16_t)32768, (uint16_t)5,
                    (uint16_t)65535, (uint16_t)32768};
  uint16_t b[10] = {(uint16_t)2,     (uint16_t)2, (uint16_t)65535, (uint16_t)3, (uint16_t)10,
                    (uint16_t)65535, (uint16_t)3, (uint16_t)7,     (uint16_t)1, (uint16_t)32767};
  for (int i = 0; i < 10; i++) {
    show("div", DIV(uint16_t, a[i], b[i]));
    show("rem", REM(uint16_t, a[i], b[i]));
  }
  uint16_t c = (uint16_t)65535;
  c = DIV(uint16_t, c, 3);
  show("c/=3", c);
  c = REM(uint16_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
