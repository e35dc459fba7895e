/* twin of fault_rem_assign_min */
#include "toy_rt.h"

static int32_t reduce(int32_t x, int32_t m) {
  int32_t v = x;
  v = REM(int32_t, v, m);
  return v;
}

int main(void) {
  int32_t ok = reduce(17, 5);
  int32_t r = reduce(INT32_MIN, ok - 3);
  return r + ok;
}
