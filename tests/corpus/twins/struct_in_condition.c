/* twin of struct_in_condition */
#include "toy_rt.h"

int main(void) {
  int32_t n = 0;
  while (5 > n) n += 1;
  int32_t hits = 10;
  return n + hits;
}
