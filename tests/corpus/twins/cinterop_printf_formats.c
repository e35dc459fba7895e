/* twin of cinterop_printf_formats */
#include "toy_rt.h"

int main(void) {
  int32_t i = -42;
  int64_t l = -9000000000;
  uint32_t u = 4000000000u;
  uint64_t ul = 18000000000000000000ull;
  uint32_t x = 0xBEEF;
  uint64_t lx = 0xDEADBEEFCAFEull;
  double f = 3.14159265358979;
  int32_t total = 0;
  total += printf("%d %ld %u %lu\n", i, l, u, ul);
  total += printf("%x %X %lx %08x %#x\n", x, x, lx, x, x);
  total += printf("%f %.2f %10.3f %e %g %g\n", f, f, -f, 12345.678, 0.0001, 1e20);
  total += printf("[%s] [%5s] [%-5s] [%c%c]\n", "toy", "ab", "cd", 'o', 'k');
  total += printf("[%5d] [%-5ld] [%05d] [%+ld] %% done\n", i * -1, 42l, 42, 42l);
  return total;
}
