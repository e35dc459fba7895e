/* twin of stmt_compound_all */
#include "toy_rt.h"

int main(void) {
  int64_t x = 100;
  x += 23;
  x -= 200;
  x *= -3;
  x = DIV(int64_t, x, 4);
  x = REM(int64_t, x, 17);
  x &= 0xFF;
  x |= 0x100;
  x ^= 0x1F;
  x = TOY_SHL(int64_t, 64, x, 3);
  x = TOY_SHR_S(int64_t, 64, x, 2);
  printf("x=%ld\n", x);
  uint32_t u = 5;
  u -= 10;
  printf("u=%u\n", u);
  u *= 3;
  u /= 7;
  u %= 1000;
  u &= 0xF0F;
  u |= 0x80000000u;
  u ^= 0xFFFF;
  u = TOY_SHR_U(uint32_t, 32, u, 4);
  u = TOY_SHL(uint32_t, 32, u, 36);
  printf("u=%u\n", u);
  double f = 1.0;
  f += 0.5;
  f *= 4.0;
  f -= 1.0;
  f /= 2.0;
  printf("f=%.17g\n", f);
  return (int32_t)((x + (int64_t)u) % 256);
}
