/* twin of stmt_loop_break */
#include "toy_rt.h"

int main(void) {
  int64_t outer = 0, pairs = 0;
  for (;;) {
    outer += 1;
    if (outer > 6) break;
    if (outer == 3) continue;
    int64_t inner = 0;
    for (;;) {
      inner += 1;
      if (inner > outer) break;
      if (inner == 2) continue;
      pairs += outer * 10 + inner;
    }
  }
  printf("outer=%ld pairs=%ld\n", outer, pairs);
  return (int32_t)(pairs % 256);
}
