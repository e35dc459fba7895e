/* twin of fnptr_higher_order */
#include "toy_rt.h"

static int64_t square(int64_t x) { return x * x; }
static int64_t halve(int64_t x) { return x / 2; }
static bool is_odd(int64_t x) { return x % 2 != 0; }
static int64_t plus(int64_t a, int64_t b) { return a + b; }
static int64_t maxf(int64_t a, int64_t b) { return a > b ? a : b; }

static int64_t (*maps[2])(int64_t) = {square, halve};

static void map(int64_t* a, int64_t n, int64_t (*f)(int64_t)) {
  for (int64_t i = 0; i < n; i++) a[i] = f(a[i]);
}

static int64_t count(int64_t* a, int64_t n, bool (*pred)(int64_t)) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; i++)
    if (pred(a[i])) c += 1;
  return c;
}

static int64_t fold(int64_t* a, int64_t n, int64_t init, int64_t (*f)(int64_t, int64_t)) {
  int64_t acc = init;
  for (int64_t i = 0; i < n; i++) acc = f(acc, a[i]);
  return acc;
}

int main(void) {
  int64_t v[6] = {3, -1, 4, 1, -5, 9};
  int64_t* p = &v[0];
  map(p, 6, maps[0]);
  int64_t odd = count(p, 6, is_odd);
  map(p, 6, maps[1]);
  int64_t sum = fold(p, 6, 0, plus);
  int64_t top = fold(p, 6, -1000, maxf);
  printf("odd=%ld sum=%ld top=%ld v=%ld,%ld\n", odd, sum, top, v[0], v[5]);
  return (int32_t)(odd + sum + top);
}
