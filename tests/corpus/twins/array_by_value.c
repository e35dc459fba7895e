/* twin of array_by_value */
#include "toy_rt.h"

struct A6 {
  int64_t v[6];
};

static struct A6 reversed(struct A6 a) {
  struct A6 r = a;
  for (int i = 0; i < 6; i++) r.v[i] = a.v[5 - i];
  return r;
}

static int64_t sum_and_clobber(struct A6 a) {
  struct A6 local = a;
  int64_t s = 0;
  for (int i = 0; i < 6; i++) {
    s += local.v[i];
    local.v[i] = 0;
  }
  return s;
}

int main(void) {
  struct A6 a = {{1, 2, 3, 4, 5, 6}};
  struct A6 r = reversed(a);
  int64_t s = sum_and_clobber(r);
  int64_t digits = 0;
  for (int i = 0; i < 6; i++) digits = digits * 10 + r.v[i];
  printf("a0=%ld r=%ld s=%ld\n", a.v[0], digits, s);
  return (int32_t)((digits + s + a.v[0]) % 256);
}
