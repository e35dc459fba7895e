/* twin of int_i8_shift */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, int8_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int64_t counts[8] = {0ll, 1ll, 7ll, 8ll, 9ll, 19ll, -1ll, -7ll};
  int8_t xs[3] = {(int8_t)-128, (int8_t)-3, (int8_t)5};
  for (int i = 0; i < 3; i++) {
    for (int k = 0; k < 8; k++) {
      int8_t x = xs[i];
      int64_t c = counts[k];
      show("shl", TOY_SHL(int8_t, 8, x, c));
      show("shr", TOY_SHR_S(int8_t, 8, x, c));
    }
  }
  uint8_t c8 = 10;
  int32_t c32 = -2;
  uint64_t cu64 = 25;
  int8_t x = xs[0];
  show("shl_u8", TOY_SHL(int8_t, 8, x, c8));
  show("shr_u8", TOY_SHR_S(int8_t, 8, x, c8));
  show("shl_i32", TOY_SHL(int8_t, 8, xs[2], (int64_t)c32));
  show("shr_i32", TOY_SHR_S(int8_t, 8, x, (int64_t)c32));
  show("shr_u64", TOY_SHR_S(int8_t, 8, x, cu64));
  show("lit", TOY_SHR_S(int8_t, 8, x, 9));
  show("lit2", TOY_SHL(int8_t, 8, xs[2], 6));
  int8_t v = x;
  v = TOY_SHR_S(int8_t, 8, v, 1);
  show("v>>=1", v);
  v = TOY_SHL(int8_t, 8, v, c8);
  show("v<<=c8", v);
  v = TOY_SHR_S(int8_t, 8, v, (int64_t)c32);
  show("v>>=c32", v);
  return (int32_t)(checksum % 256);
}
