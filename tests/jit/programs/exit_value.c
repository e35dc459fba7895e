/* JIT test program: echoes its arguments and returns a chosen exit value
   (the first argument, default 42), so the tests see argv and the status. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) printf("argv[%d]=%s\n", i, argv[i]);
  return argc > 1 ? atoi(argv[1]) : 42;
}
