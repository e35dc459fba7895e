/* twin of int_i32_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, int32_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int32_t a[14] = {(int32_t)7,
                   (int32_t)-7,
                   (int32_t)7,
                   (int32_t)-7,
                   INT32_MIN,
                   INT32_MIN,
                   INT32_MIN,
                   (int32_t)2147483647,
                   (int32_t)2147483647,
                   (int32_t)0,
                   (int32_t)-2147483647,
                   (int32_t)5,
                   (int32_t)-5,
                   INT32_MIN};
  int32_t b[14] = {(int32_t)2,  (int32_t)2,          (int32_t)-2, (int32_t)-2, (int32_t)1,
                   (int32_t)2,  (int32_t)2147483647, INT32_MIN,   (int32_t)-1, (int32_t)-5,
                   (int32_t)-1, (int32_t)7,          (int32_t)7,  (int32_t)-2};
  for (int i = 0; i < 14; i++) {
    show("div", DIV(int32_t, a[i], b[i]));
    show("rem", REM(int32_t, a[i], b[i]));
  }
  int32_t c = (int32_t)2147483647;
  c = DIV(int32_t, c, 3);
  show("c/=3", c);
  c = REM(int32_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
