/* twin of int_u64_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, uint64_t v) {
  printf("%s=%lu\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint64_t a[10] = {(uint64_t)7ull,
                    (uint64_t)18446744073709551615ull,
                    (uint64_t)18446744073709551615ull,
                    (uint64_t)0ull,
                    (uint64_t)18446744073709551615ull,
                    (uint64_t)18446744073709551614ull,
                    (uint64_t)9223372036854775808ull,
                    (uint64_t)5ull,
                    (uint64_t)18446744073709551615ull,
                    (uint64_t)9223372036854775808ull};
  uint64_t b[10] = {(uint64_t)2ull,
                    (uint64_t)2ull,
                    (uint64_t)18446744073709551615ull,
                    (uint64_t)3ull,
                    (uint64_t)10ull,
                    (uint64_t)18446744073709551615ull,
                    (uint64_t)3ull,
                    (uint64_t)7ull,
                    (uint64_t)1ull,
                    (uint64_t)9223372036854775807ull};
  for (int i = 0; i < 10; i++) {
    show("div", DIV(uint64_t, a[i], b[i]));
    show("rem", REM(uint64_t, a[i], b[i]));
  }
  uint64_t c = (uint64_t)18446744073709551615ull;
  c = DIV(uint64_t, c, 3);
  show("c/=3", c);
  c = REM(uint64_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
