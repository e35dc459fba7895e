/* twin of order_short_circuit */
#include "toy_rt.h"

static int64_t trail = 0;

static bool t(int64_t v, bool r) {
  trail = trail * 10 + v;
  return r;
}

int main(void) {
  int64_t score = 0;
  if (t(1, false) && t(2, true)) score += 1;
  if (t(3, true) && t(4, true)) score += 2;
  if (t(5, true) || t(6, true)) score += 4;
  if (t(7, false) || t(8, false)) score += 8;
  if (t(1, false) || (t(2, true) && t(3, false))) score += 16;
  int64_t first = trail;
  int64_t arr[3] = {1, 2, 3};
  int64_t i = 3;
  bool safe = i < 3 && AT(arr, i) == 3;
  int64_t* p = NULL;
  bool safe2 = p == NULL || *p == 0;
  bool chain = t(4, true) && t(5, true) && t(6, false) && t(7, true);
  printf("score=%ld first=%ld trail=%ld safe=%d safe2=%d chain=%d\n", score, first, trail,
         (int32_t)safe, (int32_t)safe2, (int32_t)chain);
  return (int32_t)((score + trail) % 256);
}
