/* twin of stmt_for_break_continue */
#include "toy_rt.h"

int main(void) {
  int64_t log_ = 0;
  for (int64_t i = 0; i < 10; i++) {
    if (i % 3 == 0) continue;
    if (i == 8) break;
    for (int64_t j = 0; j < 10; j++) {
      if (j == i) break;
      if (j % 2 == 1) continue;
      log_ += i * j;
    }
    log_ += 1000;
  }
  int64_t rounds = 0;
  while (rounds < 3) {
    for (int64_t k = 0; k < 5; k++) {
      if (k == rounds) continue;
      log_ += k;
    }
    rounds += 1;
  }
  printf("log=%ld\n", log_);
  return (int32_t)(log_ % 256);
}
