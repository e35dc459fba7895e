/* twin of fault_div_zero_global */
#include "toy_rt.h"

static int64_t divisor;

static int64_t ratio(int64_t a) { return DIV(int64_t, a, divisor); }

int main(void) {
  int64_t r = ratio(100);
  return (int32_t)(r + 1);
}
