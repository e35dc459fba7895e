/* Debuggee for the Target signal tests: argv[1] picks the fault.
   segv: a store to address 0x18; fpe: integer division by zero;
   ill: ud2 (__builtin_trap); trap: an int3 of its own, after which it
   prints and exits 0 when continued. */
#include <stdio.h>
#include <string.h>

volatile int tide_target_zero = 0;

int main(int argc, char** argv) {
  const char* fault = argc > 1 ? argv[1] : "";
  if (strcmp(fault, "segv") == 0) *(volatile int*)0x18 = 1;
  if (strcmp(fault, "fpe") == 0) return 10 / tide_target_zero;
  if (strcmp(fault, "ill") == 0) __builtin_trap();
  if (strcmp(fault, "trap") == 0) {
    __asm__ volatile("int3");
    printf("after trap\n");
    return 0;
  }
  return 3;
}
