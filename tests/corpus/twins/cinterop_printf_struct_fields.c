/* twin of cinterop_printf_struct_fields */
#include "toy_rt.h"

struct Mix {
  int8_t a;
  uint8_t b;
  int16_t c;
  uint16_t d;
  bool e;
  double f;
  uint32_t g;
  int64_t h;
};

int main(void) {
  struct Mix m = {-5, 200, -1000, 60000, true, 0.125, 4000000000u, -1};
  int8_t arr[3] = {-1, -2, -3};
  int n = printf("%d %d %d %d %d %.3f %u %ld | %d %d %d\n", m.a, m.b, m.c, m.d, m.e, m.f, m.g, m.h,
                 arr[0], arr[1], arr[2]);
  return n;
}
