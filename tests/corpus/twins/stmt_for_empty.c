/* twin of stmt_for_empty */
#include "toy_rt.h"

int main(void) {
  int32_t runs = 0;
  for (int64_t i = 3; i < 4; i++) runs += 10;
  printf("runs=%d\n", runs);
  return runs;
}
