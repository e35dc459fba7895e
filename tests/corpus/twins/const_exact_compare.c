/* twin of const_exact_compare */
#include "toy_rt.h"

int main(void) {
  int32_t score = 0;
  score += 1;                       /* 2^63 > 2^63 - 1 */
  score += 2;                       /* 2^100 >> 99 == 2 */
  if (0.1 + 0.2 == 0.3) score += 4; /* false in IEEE */
  score += 8;
  score += 16;
  score += 32;
  score += 64;
  score += 128;
  return score;
}
