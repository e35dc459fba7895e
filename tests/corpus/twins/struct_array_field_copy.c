/* twin of struct_array_field_copy */
#include "toy_rt.h"

struct Cell {
  int32_t v;
  uint8_t tag;
};
struct Board {
  struct Cell cells[3];
  uint64_t counts[2];
};

int main(void) {
  struct Board a = {{{1, 'a'}, {2, 'b'}, {3, 'c'}}, {10, 20}};
  struct Board b = a;
  b.cells[1].v = 200;
  b.counts[0] += 5;
  a.cells[2].tag = 'z';
  struct Board c = b;
  b.cells[0] = a.cells[2];
  printf("a: %d %d %c %lu | b: %d %c %d %lu | c: %d %c\n", a.cells[1].v, a.cells[2].v,
         a.cells[2].tag, a.counts[0], b.cells[0].v, b.cells[0].tag, b.cells[1].v, b.counts[0],
         c.cells[0].v, c.cells[2].tag);
  return a.cells[1].v + b.cells[1].v + (int32_t)c.counts[0] + (int32_t)b.cells[0].tag;
}
