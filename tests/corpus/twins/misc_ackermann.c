/* twin of misc_ackermann */
#include "toy_rt.h"

static int64_t ack(int64_t m, int64_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

int main(void) {
  int64_t a = ack(2, 3), b = ack(3, 3), c = ack(3, 5);
  printf("ack(2,3)=%ld ack(3,3)=%ld ack(3,5)=%ld\n", a, b, c);
  return (int32_t)(a + b + c);
}
