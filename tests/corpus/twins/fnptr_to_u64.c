/* twin of fnptr_to_u64 */
#include "toy_rt.h"

static int32_t one(void) { return 1; }
static int32_t two(void) { return 2; }

int main(void) {
  uint64_t a = (uint64_t)one, b = (uint64_t)two, c = (uint64_t)one;
  uint8_t* p = (uint8_t*)one;
  int32_t score = 0;
  if (a != 0) score += 1;
  if (a != b) score += 2;
  if (a == c) score += 4;
  if ((uint64_t)p == a) score += 8;
  int32_t (*f)(void) = two;
  if ((uint64_t)f == b) score += 16;
  score += f() * 100;
  printf("score=%d\n", score);
  return score;
}
