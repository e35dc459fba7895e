/* twin of stmt_return_void */
#include "toy_rt.h"

static int64_t log_ = 0;

static void note(int64_t v) {
  if (v < 0) return;
  log_ = log_ * 10 + v;
  if (v > 5) return;
  log_ += 1;
}

int main(void) {
  note(3);
  note(-1);
  note(7);
  note(0);
  printf("log=%ld\n", log_);
  return (int32_t)(log_ % 256);
}
