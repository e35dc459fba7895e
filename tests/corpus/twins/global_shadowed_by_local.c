/* twin of global_shadowed_by_local */
#include "toy_rt.h"

static int64_t level = 1;

static int64_t read_level(void) { return level; }

int main(void) {
  int64_t trail = level;
  {
    int64_t level_local = 50;
    level_local += 1;
    trail = trail * 100 + level_local;
    trail = trail * 100 + read_level();
  }
  level = 7;
  trail = trail * 100 + level;
  printf("trail=%ld\n", trail);
  return (int32_t)(trail % 256);
}
