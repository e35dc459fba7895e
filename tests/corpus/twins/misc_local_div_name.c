/* twin of misc_local_div_name */
#include "toy_rt.h"

static int64_t toy_div(int64_t a, int64_t b) { return a / b + 1000; }
static int64_t toy_abs(int64_t x) { return x * 2; }
static uint64_t toy_strlen(const uint8_t* s) {
  (void)s;
  return 42;
}

int main(void) {
  int64_t a = toy_div(10, 3);
  int64_t b = toy_abs(-4);
  uint64_t c = toy_strlen((const uint8_t*)"hello");
  printf("%ld %ld %lu\n", a, b, c);
  return (int32_t)(a + b + (int64_t)c) % 256;
}
