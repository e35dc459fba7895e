/* twin of stmt_let_var */
#include "toy_rt.h"

int main(void) {
  int64_t a = 5;
  int32_t b = 6;
  uint8_t c = 0;
  int64_t d = 7;
  double e = 0.0;
  bool f = false;
  uint8_t* g = NULL;
  double h = 2.5;
  c = (uint8_t)(c + 3);
  d = d * a;
  e = e + h;
  int32_t checks = 0;
  if (!f) checks += 1;
  if (g == NULL) checks += 1;
  printf("%ld %d %u %ld %.17g %d\n", a, b, c, d, e, checks);
  return (int32_t)d + b + (int32_t)c + checks;
}
