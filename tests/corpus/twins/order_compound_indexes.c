/* twin of order_compound_indexes */
#include "toy_rt.h"

static int64_t cursor = 0;

static int64_t next(void) {
  int64_t c = cursor;
  cursor += 1;
  return c;
}

struct Slot {
  int64_t v;
};
struct Bank {
  struct Slot slots[4];
};

int main(void) {
  int64_t a[4] = {10, 20, 30, 40};
  int64_t* place = &a[next()];
  int64_t old = *place;
  int64_t rhs = a[next()];
  *place = old + rhs;
  place = &a[next()];
  rhs = a[next()] * 2;
  *place = rhs;
  struct Bank b = {{{1}, {2}, {3}, {4}}};
  cursor = 1;
  place = &b.slots[next()].v;
  old = *place;
  rhs = b.slots[next()].v * 10;
  *place = old - rhs;
  printf("a=%ld,%ld,%ld,%ld b=%ld,%ld,%ld cursor=%ld\n", a[0], a[1], a[2], a[3], b.slots[1].v,
         b.slots[2].v, b.slots[3].v, cursor);
  return (int32_t)((a[0] + a[2] + b.slots[1].v) % 256);
}
