/* twin of misc_gcd_collatz */
#include "toy_rt.h"

static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b != 0) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static uint64_t collatz(uint64_t n) {
  uint64_t steps = 0;
  while (n != 1) {
    if (n % 2 == 0)
      n /= 2;
    else
      n = 3 * n + 1;
    steps += 1;
  }
  return steps;
}

static uint64_t isqrt(uint64_t n) {
  if (n < 2) return n;
  uint64_t x = n, y = x / 2 + 1;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2;
  }
  return x;
}

int main(void) {
  uint64_t g = gcd(1071, 462) + gcd(17, 5) + gcd(0, 9);
  uint64_t longest = 0, best = 0;
  for (uint64_t i = 1; i < 1000; i++) {
    uint64_t s = collatz(i);
    if (s > longest) {
      longest = s;
      best = i;
    }
  }
  uint64_t r = isqrt(1000000007) + isqrt(18446744073709551615ull);
  printf("g=%lu best=%lu longest=%lu r=%lu\n", g, best, longest, r);
  return (int32_t)((g + best + longest + r) % 256);
}
