/* twin of str_printf_output */
#include "toy_rt.h"

static const char* GREETING = "hello";

int main(void) {
  const char* name = "world";
  int n1 = printf("%s, %s!\n", GREETING, name);
  int n2 = printf("tab\there \"quoted\" back\\slash 100%%\n");
  int n3 = printf("%s|%s|\n", "", "x\x79z");
  return n1 + n2 + n3;
}
