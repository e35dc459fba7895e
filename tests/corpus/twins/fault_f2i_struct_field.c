/* twin of fault_f2i_struct_field */
#include "toy_rt.h"

struct Reading {
  double scale, raw;
};

static int64_t to_counts(struct Reading r) { return (int64_t)F2I(uint16_t, r.raw * r.scale) + 1; }

int main(void) {
  int64_t a = to_counts((struct Reading){100.0, 6.5});
  int64_t b = to_counts((struct Reading){100.0, 655.36});
  return (int32_t)(a + b);
}
