/* twin of stmt_nested_blocks */
#include "toy_rt.h"

int main(void) {
  int64_t total = 0;
  {
    int64_t a = 10;
    {
      int64_t b = a * 2;
      { total += a + b; }
    }
  }
  {
    uint8_t a = 255;
    total += (int64_t)a;
  }
  for (int64_t i = 0; i < 4; i++) {
    int64_t fresh = 0;
    fresh += i;
    total += fresh;
  }
  printf("total=%ld\n", total);
  return (int32_t)total;
}
