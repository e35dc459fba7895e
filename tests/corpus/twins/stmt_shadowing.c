/* twin of stmt_shadowing */
#include "toy_rt.h"

static int64_t x = 1000;

static int64_t param_shadow(int64_t x0) {
  int64_t x1 = x0 * 2;
  int64_t x2 = x1 + 5;
  return x2;
}

int main(void) {
  int64_t g = x;
  int64_t x7 = 7;
  int64_t trail = x7;
  {
    int64_t x12 = x7 + 5;
    trail = trail * 100 + x12;
    {
      int64_t x36 = x12 * 3;
      trail = trail * 100 + x36;
    }
    trail = trail * 100 + x12;
  }
  uint8_t y0 = 3;
  int64_t y = (int64_t)y0 + 300;
  int64_t p = param_shadow(x7);
  printf("g=%ld x=%ld trail=%ld y=%ld p=%ld\n", g, x7, trail, y, p);
  return (int32_t)((trail + y + p + g) % 256);
}
