/* twin of stmt_if_chain */
#include "toy_rt.h"

static int64_t classify(int64_t x) {
  if (x < 0)
    return 1;
  else if (x == 0)
    return 2;
  else if (x < 10)
    return 3;
  else if (x < 100)
    return 4;
  else
    return 5;
}

int main(void) {
  int64_t total = 0;
  int64_t xs[7] = {-5, 0, 3, 9, 10, 99, 1000};
  for (int i = 0; i < 7; i++) {
    int64_t c = classify(xs[i]);
    printf("%ld -> %ld\n", xs[i], c);
    total = total * 5 + c;
  }
  bool flag = false;
  if (total > 0) flag = true;
  if (flag)
    total += 1;
  else
    total -= 1;
  if (!flag) total = 0;
  return (int32_t)(total % 256);
}
