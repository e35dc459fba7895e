/* twin of int_i64_shift */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, int64_t v) {
  printf("%s=%ld\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int64_t counts[8] = {0ll, 1ll, 63ll, 64ll, 65ll, 131ll, -1ll, -63ll};
  int64_t xs[3] = {INT64_MIN, (int64_t)-3ll, (int64_t)5ll};
  for (int i = 0; i < 3; i++) {
    for (int k = 0; k < 8; k++) {
      int64_t x = xs[i];
      int64_t c = counts[k];
      show("shl", TOY_SHL(int64_t, 64, x, c));
      show("shr", TOY_SHR_S(int64_t, 64, x, c));
    }
  }
  uint8_t c8 = 66;
  int32_t c32 = -2;
  uint64_t cu64 = 193;
  int64_t x = xs[0];
  show("shl_u8", TOY_SHL(int64_t, 64, x, c8));
  show("shr_u8", TOY_SHR_S(int64_t, 64, x, c8));
  show("shl_i32", TOY_SHL(int64_t, 64, xs[2], (int64_t)c32));
  show("shr_i32", TOY_SHR_S(int64_t, 64, x, (int64_t)c32));
  show("shr_u64", TOY_SHR_S(int64_t, 64, x, cu64));
  show("lit", TOY_SHR_S(int64_t, 64, x, 65));
  show("lit2", TOY_SHL(int64_t, 64, xs[2], 62));
  int64_t v = x;
  v = TOY_SHR_S(int64_t, 64, v, 1);
  show("v>>=1", v);
  v = TOY_SHL(int64_t, 64, v, c8);
  show("v<<=c8", v);
  v = TOY_SHR_S(int64_t, 64, v, (int64_t)c32);
  show("v>>=c32", v);
  return (int32_t)(checksum % 256);
}
