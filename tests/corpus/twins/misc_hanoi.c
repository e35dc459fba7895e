/* twin of misc_hanoi */
#include "toy_rt.h"

static uint8_t moves[1024];
static int64_t count = 0;

static void hanoi(int64_t n, uint8_t from, uint8_t to, uint8_t via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  AT(moves, count) = (uint8_t)(from * 4 + to);
  count += 1;
  hanoi(n - 1, via, to, from);
}

int main(void) {
  hanoi(10, 0, 2, 1);
  uint32_t h = 0;
  for (int64_t i = 0; i < count; i++) h = h * 33 + (uint32_t)moves[i];
  printf("moves=%ld hash=%u first=%u last=%u\n", count, h, moves[0], moves[count - 1]);
  return (int32_t)(h % 256);
}
