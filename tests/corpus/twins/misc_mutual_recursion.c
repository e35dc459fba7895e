/* twin of misc_mutual_recursion */
#include "toy_rt.h"

static bool is_odd(uint32_t n);
static bool is_even(uint32_t n) { return n == 0 ? true : is_odd(n - 1); }
static bool is_odd(uint32_t n) { return n == 0 ? false : is_even(n - 1); }

int main(void) {
  int32_t evens = 0;
  for (uint32_t i = 0; i < 101; i++)
    if (is_even(i)) evens += 1;
  printf("evens=%d odd(77)=%d\n", evens, (int32_t)is_odd(77));
  return evens;
}
