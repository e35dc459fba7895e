/* twin of struct_recursive_by_value */
#include "toy_rt.h"

struct State {
  int64_t depth;
  uint8_t path[8];
  int64_t sum;
};

static int64_t explore(struct State s, int64_t limit) {
  if (s.depth == limit) {
    int64_t h = 0;
    for (int64_t i = 0; i < limit; i++) h = h * 3 + (int64_t)AT(s.path, i);
    return h + s.sum;
  }
  struct State left = s;
  AT(left.path, s.depth) = 1;
  left.depth += 1;
  left.sum += 1;
  struct State right = s;
  AT(right.path, s.depth) = 2;
  right.depth += 1;
  right.sum += 10;
  int64_t a = explore(left, limit);
  int64_t b = explore(right, limit);
  return a + b + (int64_t)s.path[0];
}

int main(void) {
  struct State start = {0, {0}, 0};
  int64_t r = explore(start, 5);
  printf("r=%ld start.depth=%ld\n", r, start.depth);
  return (int32_t)(r % 256);
}
