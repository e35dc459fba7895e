/* twin of misc_queens */
#include "toy_rt.h"

static bool cols[8], diag1[15], diag2[15];

static int64_t place(int64_t row) {
  if (row == 8) return 1;
  int64_t found = 0;
  for (int64_t c = 0; c < 8; c++) {
    if (!cols[c] && !diag1[row + c] && !diag2[row - c + 7]) {
      cols[c] = diag1[row + c] = diag2[row - c + 7] = true;
      found += place(row + 1);
      cols[c] = diag1[row + c] = diag2[row - c + 7] = false;
    }
  }
  return found;
}

int main(void) {
  int64_t n = place(0);
  printf("solutions=%ld\n", n);
  return (int32_t)n;
}
