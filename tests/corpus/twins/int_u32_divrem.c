/* twin of int_u32_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, uint32_t v) {
  printf("%s=%u\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint32_t a[10] = {(uint32_t)7u,          (uint32_t)4294967295u, (uint32_t)4294967295u,
                    (uint32_t)0u,          (uint32_t)4294967295u, (uint32_t)4294967294u,
                    (uint32_t)2147483648u, (uint32_t)5u,          (uint32_t)4294967295u,
                    (uint32_t)2147483648u};
  uint32_t b[10] = {(uint32_t)2u,  (uint32_t)2u,          (uint32_t)4294967295u, (uint32_t)3u,
                    (uint32_t)10u, (uint32_t)4294967295u, (uint32_t)3u,          (uint32_t)7u,
                    (uint32_t)1u,  (uint32_t)2147483647u};
  for (int i = 0; i < 10; i++) {
    show("div", DIV(uint32_t, a[i], b[i]));
    show("rem", REM(uint32_t, a[i], b[i]));
  }
  uint32_t c = (uint32_t)4294967295u;
  c = DIV(uint32_t, c, 3);
  show("c/=3", c);
  c = REM(uint32_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
