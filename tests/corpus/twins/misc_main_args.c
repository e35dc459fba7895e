/* twin of misc_main_args */
#include "toy_rt.h"

int main(int argc, char** argv) {
  int32_t score = 0;
  if (argc == 1) score += 1;
  if (argv[0] != NULL) score += 2;
  if (argv[0][0] != 0) score += 4;
  if (argv[argc] == NULL) score += 8;
  printf("argc=%d score=%d\n", argc, score);
  return score * 10 + argc;
}
