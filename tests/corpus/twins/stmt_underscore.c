/* twin of stmt_underscore */
#include "toy_rt.h"

static int64_t hits = 0;

static int64_t bump(void) {
  hits += 1;
  return hits;
}

int main(void) {
  for (int k = 0; k < 7; k++) (void)bump();
  (void)bump();
  printf("hits=%ld\n", hits);
  return (int32_t)hits;
}
