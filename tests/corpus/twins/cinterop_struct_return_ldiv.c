/* twin of cinterop_struct_return_ldiv */
#include "toy_rt.h"

int main(void) {
  ldiv_t a = ldiv(-1000000000007l, 1000);
  div_t b = div(47, -5);
  printf("%ld %ld %d %d\n", a.quot, a.rem, b.quot, b.rem);
  return (int32_t)((a.rem + (int64_t)b.quot * 10 + (int64_t)b.rem) % 256);
}
