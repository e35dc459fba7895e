/* twin of cinterop_puts_putchar */
#include "toy_rt.h"

int main(void) {
  puts("first line");
  printf("second ");
  const char* word = "toy";
  for (int i = 0; i < 3; i++) putchar((int32_t)(uint8_t)word[i]);
  putchar('\n');
  int r = putchar(65);
  puts("");
  puts("end");
  return r;
}
