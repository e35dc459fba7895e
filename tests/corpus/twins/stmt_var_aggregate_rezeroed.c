/* twin of stmt_var_aggregate_rezeroed */
#include "toy_rt.h"

struct Acc {
  int64_t sum;
  int32_t n;
};

int main(void) {
  int64_t log_ = 0;
  for (int64_t i = 0; i < 4; i++) {
    int64_t a[3] = {0};
    struct Acc s = {0, 0};
    log_ = log_ * 10 + a[i % 3] + s.sum + (int64_t)s.n;
    a[i % 3] = 7;
    s.sum = 5;
    s.n = 9;
  }
  printf("log=%ld\n", log_);
  return (int32_t)(log_ % 256);
}
