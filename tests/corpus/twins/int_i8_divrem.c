/* twin of int_i8_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, int8_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int8_t a[14] = {(int8_t)7,    (int8_t)-7,   (int8_t)7,   (int8_t)-7,  (int8_t)-128,
                  (int8_t)-128, (int8_t)-128, (int8_t)127, (int8_t)127, (int8_t)0,
                  (int8_t)-127, (int8_t)5,    (int8_t)-5,  (int8_t)-128};
  int8_t b[14] = {(int8_t)2,  (int8_t)2,   (int8_t)-2,   (int8_t)-2, (int8_t)1,
                  (int8_t)2,  (int8_t)127, (int8_t)-128, (int8_t)-1, (int8_t)-5,
                  (int8_t)-1, (int8_t)7,   (int8_t)7,    (int8_t)-2};
  for (int i = 0; i < 14; i++) {
    show("div", DIV(int8_t, a[i], b[i]));
    show("rem", REM(int8_t, a[i], b[i]));
  }
  int8_t c = (int8_t)127;
  c = DIV(int8_t, c, 3);
  show("c/=3", c);
  c = REM(int8_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
