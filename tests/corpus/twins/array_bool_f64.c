/* twin of array_bool_f64 */
#include "toy_rt.h"

int main(void) {
  bool composite[50] = {false};
  int32_t primes = 0;
  for (int64_t i = 2; i < 50; i++) {
    if (!composite[i]) {
      primes += 1;
      int64_t m = i * i;
      while (m < 50) {
        composite[m] = true;
        m += i;
      }
    }
  }
  double xs[5] = {0.1, 0.2, 0.3, 0.4, 0.5};
  double s = 0.0;
  for (int i = 0; i < 5; i++) {
    xs[i] = xs[i] * xs[i];
    s += xs[i];
  }
  printf("primes=%d s=%.17g\n", primes, s);
  return primes + F2I(int32_t, s * 100.0);
}
