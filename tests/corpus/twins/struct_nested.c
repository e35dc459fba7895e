/* twin of struct_nested */
#include "toy_rt.h"

struct Inner {
  uint8_t lo;
  uint16_t hi;
};
struct Outer {
  struct Inner inner;
  int64_t tag;
  int16_t vals[3];
  struct Inner second;
};

int main(void) {
  struct Outer o = {{1, 2}, -1, {10, -20, 30}, {255, 500}};
  struct Outer copy = o;
  o.inner.hi = 65535;
  o.vals[1] = 7;
  o.second.lo = (uint8_t)(o.second.lo + 1);
  copy.inner = o.second;
  printf("o: %u %u %ld %d %d %d %u %u\n", o.inner.lo, o.inner.hi, o.tag, o.vals[0], o.vals[1],
         o.vals[2], o.second.lo, o.second.hi);
  printf("copy: %u %u %ld %d %d %d %u %u\n", copy.inner.lo, copy.inner.hi, copy.tag, copy.vals[0],
         copy.vals[1], copy.vals[2], copy.second.lo, copy.second.hi);
  int64_t s =
      (int64_t)o.inner.hi + (int64_t)o.vals[1] + (int64_t)copy.vals[1] + (int64_t)copy.inner.hi;
  return (int32_t)(s % 256);
}
