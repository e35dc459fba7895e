/* twin of int_i16_shift */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, int16_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int64_t counts[8] = {0ll, 1ll, 15ll, 16ll, 17ll, 35ll, -1ll, -15ll};
  int16_t xs[3] = {(int16_t)-32768, (int16_t)-3, (int16_t)5};
  for (int i = 0; i < 3; i++) {
    for (int k = 0; k < 8; k++) {
      int16_t x = xs[i];
      int64_t c = counts[k];
      show("shl", TOY_SHL(int16_t, 16, x, c));
      show("shr", TOY_SHR_S(int16_t, 16, x, c));
    }
  }
  uint8_t c8 = 18;
  int32_t c32 = -2;
  uint64_t cu64 = 49;
  int16_t x = xs[0];
  show("shl_u8", TOY_SHL(int16_t, 16, x, c8));
  show("shr_u8", TOY_SHR_S(int16_t, 16, x, c8));
  show("shl_i32", TOY_SHL(int16_t, 16, xs[2], (int64_t)c32));
  show("shr_i32", TOY_SHR_S(int16_t, 16, x, (int64_t)c32));
  show("shr_u64", TOY_SHR_S(int16_t, 16, x, cu64));
  show("lit", TOY_SHR_S(int16_t, 16, x, 17));
  show("lit2", TOY_SHL(int16_t, 16, xs[2], 14));
  int16_t v = x;
  v = TOY_SHR_S(int16_t, 16, v, 1);
  show("v>>=1", v);
  v = TOY_SHL(int16_t, 16, v, c8);
  show("v<<=c8", v);
  v = TOY_SHR_S(int16_t, 16, v, (int64_t)c32);
  show("v>>=c32", v);
  return (int32_t)(checksum % 256);
}
