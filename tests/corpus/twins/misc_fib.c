/* twin of misc_fib */
#include "toy_rt.h"

static int64_t fib(int64_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int64_t fib_iter(int64_t n) {
  int64_t a = 0, b = 1;
  for (int64_t k = 0; k < n; k++) {
    int64_t t = a + b;
    a = b;
    b = t;
  }
  return a;
}

int main(void) {
  int32_t ok = 0;
  for (int64_t i = 0; i < 21; i++)
    if (fib(i) == fib_iter(i)) ok += 1;
  printf("fib(20)=%ld fib(90)=%ld ok=%d\n", fib(20), fib_iter(90), ok);
  return (int32_t)(fib(20) % 256) + ok;
}
