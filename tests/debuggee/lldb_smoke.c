/* A tiny program for the LLDB smoke test: main calls a function whose
   argument the test reads from a register at a breakpoint on it. */
#include <stdio.h>

__attribute__((noinline)) int tide_smoke_stop_here(long value) {
  return (int)(value * 2);
}

int main(void) {
  int result = tide_smoke_stop_here(0x1234);
  printf("result %d\n", result);
  return result == 0x2468 ? 0 : 1;
}
