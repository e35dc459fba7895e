/* JIT test program: calls into the C library and libm through every kind of
   external reference gcc emits (PLT32 calls, GOTPCREL loads of stdout). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  printf("sqrt(2)=%.6f\n", sqrt(2.0));
  puts("puts works");
  char* copy = malloc(16);
  strcpy(copy, "heap copy");
  fprintf(stdout, "%s %zu\n", copy, strlen(copy));
  free(copy);
  fputs("to stderr\n", stderr);
  return (int)(cos(0.0) + pow(2.0, 3.0));  /* 9 */
}
