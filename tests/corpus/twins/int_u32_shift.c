/* twin of int_u32_shift */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, uint32_t v) {
  printf("%s=%u\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int64_t counts[8] = {0ll, 1ll, 31ll, 32ll, 33ll, 67ll, -1ll, -31ll};
  uint32_t xs[3] = {(uint32_t)2147483648u, (uint32_t)4294967295u, (uint32_t)5u};
  for (int i = 0; i < 3; i++) {
    for (int k = 0; k < 8; k++) {
      uint32_t x = xs[i];
      int64_t c = counts[k];
      show("shl", TOY_SHL(uint32_t, 32, x, c));
      show("shr", TOY_SHR_U(uint32_t, 32, x, c));
    }
  }
  uint8_t c8 = 34;
  int32_t c32 = -2;
  uint64_t cu64 = 97;
  uint32_t x = xs[0];
  show("shl_u8", TOY_SHL(uint32_t, 32, x, c8));
  show("shr_u8", TOY_SHR_U(uint32_t, 32, x, c8));
  show("shl_i32", TOY_SHL(uint32_t, 32, xs[2], (int64_t)c32));
  show("shr_i32", TOY_SHR_U(uint32_t, 32, x, (int64_t)c32));
  show("shr_u64", TOY_SHR_U(uint32_t, 32, x, cu64));
  show("lit", TOY_SHR_U(uint32_t, 32, x, 33));
  show("lit2", TOY_SHL(uint32_t, 32, xs[2], 30));
  uint32_t v = x;
  v = TOY_SHR_U(uint32_t, 32, v, 1);
  show("v>>=1", v);
  v = TOY_SHL(uint32_t, 32, v, c8);
  show("v<<=c8", v);
  v = TOY_SHR_U(uint32_t, 32, v, (int64_t)c32);
  show("v>>=c32", v);
  return (int32_t)(checksum % 256);
}
