/* twin of misc_inline_export */
#include "toy_rt.h"

static inline int64_t sq(int64_t x) { return x * x; }
int64_t toy_corpus_cube(int64_t x) { return x * sq(x); }
static int64_t quad(int64_t x) { return sq(sq(x)); }

int main(void) {
  int64_t (*f)(int64_t) = toy_corpus_cube;
  int64_t (*g)(int64_t) = sq;
  int64_t r = sq(3) + toy_corpus_cube(2) + quad(2) + f(3) + g(4);
  printf("r=%ld\n", r);
  return (int32_t)r;
}
