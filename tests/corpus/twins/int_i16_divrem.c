/* twin of int_i16_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, int16_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int16_t a[14] = {(int16_t)7,      (int16_t)-7,     (int16_t)7,      (int16_t)-7,
                   (int16_t)-32768, (int16_t)-32768, (int16_t)-32768, (int16_t)32767,
                   (int16_t)32767,  (int16_t)0,      (int16_t)-32767, (int16_t)5,
                   (int16_t)-5,     (int16_t)-32768};
  int16_t b[14] = {(int16_t)2,  (int16_t)2,     (int16_t)-2,     (int16_t)-2, (int16_t)1,
                   (int16_t)2,  (int16_t)32767, (int16_t)-32768, (int16_t)-1, (int16_t)-5,
                   (int16_t)-1, (int16_t)7,     (int16_t)7,      (int16_t)-2};
  for (int i = 0; i < 14; i++) {
    show("div", DIV(int16_t, a[i], b[i]));
    show("rem", REM(int16_t, a[i], b[i]));
  }
  int16_t c = (int16_t)32767;
  c = DIV(int16_t, c, 3);
  show("c/=3", c);
  c = REM(int16_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
