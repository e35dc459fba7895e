/* twin of int_u8_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, uint8_t v) {
  printf("%s=%u\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint8_t a[10] = {(uint8_t)7,   (uint8_t)255, (uint8_t)255, (uint8_t)0,   (uint8_t)255,
                   (uint8_t)254, (uint8_t)128, (uint8_t)5,   (uint8_t)255, (uint8_t)128};
  uint8_t b[10] = {(uint8_t)2,   (uint8_t)2, (uint8_t)255, (uint8_t)3, (uint8_t)10,
                   (uint8_t)255, (uint8_t)3, (uint8_t)7,   (uint8_t)1, (uint8_t)127};
  for (int i = 0; i < 10; i++) {
    show("div", DIV(uint8_t, a[i], b[i]));
    show("rem", REM(uint8_t, a[i], b[i]));
  }
  uint8_t c = (uint8_t)255;
  c = DIV(uint8_t, c, 3);
  show("c/=3", c);
  c = REM(uint8_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
