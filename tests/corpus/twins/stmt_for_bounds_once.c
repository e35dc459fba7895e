/* twin of stmt_for_bounds_once */
#include "toy_rt.h"

static int64_t calls = 0;

static int64_t bound(int64_t v) {
  calls = calls * 10 + v;
  return v;
}

int main(void) {
  int64_t n = 3, iterations = 0;
  int64_t end = n;
  for (int64_t i = 0; i < end; i++) {
    n += 1;
    iterations += 1;
  }
  int64_t seen = 0;
  int64_t lo = bound(1);
  int64_t hi = bound(4);
  for (int64_t i = lo; i < hi; i++) seen = seen * 10 + i;
  printf("n=%ld iterations=%ld calls=%ld seen=%ld\n", n, iterations, calls, seen);
  return (int32_t)(iterations + calls + seen) % 256;
}
