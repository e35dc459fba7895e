/* twin of stmt_while_continue */
#include "toy_rt.h"

int main(void) {
  int64_t i = 0, odd_sum = 0, visits = 0;
  while (i < 50) {
    i += 1;
    visits += 1;
    if (i % 2 == 0) continue;
    if (i > 41) break;
    odd_sum += i;
  }
  int64_t n = 27, steps = 0;
  while (n != 1) {
    if (n % 2 == 0)
      n /= 2;
    else
      n = 3 * n + 1;
    steps += 1;
  }
  printf("i=%ld odd_sum=%ld visits=%ld steps=%ld\n", i, odd_sum, visits, steps);
  return (int32_t)((odd_sum + steps + visits) % 256);
}
