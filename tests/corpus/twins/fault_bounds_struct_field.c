/* twin of fault_bounds_struct_field */
#include "toy_rt.h"

struct Buffer {
  int64_t len;
  uint8_t data[8];
};

static void put(struct Buffer* b, uint8_t v) {
  AT(b->data, b->len) = v;
  b->len += 1;
}

static void fill(struct Buffer* b, int64_t n) {
  for (int64_t i = 0; i < n; i++) put(b, (uint8_t)i);
}

int main(void) {
  struct Buffer b = {0, {0}};
  fill(&b, 9);
  return (int32_t)b.len;
}
