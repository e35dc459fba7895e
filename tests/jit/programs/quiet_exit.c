/* JIT test program: prints nothing and exits with argv[1] (default 0), by
   returning from main or, with a second argument "exit", through exit() from
   inside a call. */
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void leave(int status) { exit(status); }

int main(int argc, char** argv) {
  const int status = argc > 1 ? atoi(argv[1]) : 0;
  if (argc > 2 && strcmp(argv[2], "exit") == 0) leave(status);
  return status;
}
