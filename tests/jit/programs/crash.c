/* JIT test program: faults of each kind (in its own code or inside the C library) three calls deep (main -> bt_root ->
   bt_mid -> bt_leaf), or unbounded recursion, selected by argv[1]. Line numbers are checked by debugger tests. */
#include <stdlib.h>
#include <string.h>
int main(int argc, char** argv);
volatile int zero = 0;
const char* volatile null_string = 0;

__attribute__((noinline)) int bt_leaf(const char* mode) {
  if (strcmp(mode, "segv") == 0) {
    volatile int* null = 0;
    return *null;
  }
  if (strcmp(mode, "ud2") == 0) __builtin_trap();
  if (strcmp(mode, "div") == 0) return 10 / zero;
  if (strcmp(mode, "int3") == 0) __asm__ volatile("int3");
  if (strcmp(mode, "abort") == 0) abort();
  if (strcmp(mode, "strlen") == 0) return (int)strlen(null_string);
  if (strcmp(mode, "decoy") == 0) {
    /* A fake frame record (a link up the stack next to main's entry address: the shape a C library's spill of its
       caller's callee-saved registers can take), then a jump out of the image, so the crash guard must
       resynchronise past the decoy. */
    __attribute__((aligned(16))) volatile unsigned long decoy[4];
    decoy[0] = (unsigned long)&decoy[2]; /* links up the stack ... */
    decoy[1] = (unsigned long)&main;     /* ... to an image code address */
    decoy[2] = 1;                        /* whose "caller" is garbage */
    decoy[3] = 1;
    /* The stack is not executable: the fault pc is outside the image, on the stack. */
    void (*volatile jump)(void) = (void (*)(void))&decoy[2];
    jump();
  }
  return 0;
}

__attribute__((noinline)) int bt_mid(const char* mode) { return bt_leaf(mode) + 1; }

__attribute__((noinline)) int bt_root(const char* mode) { return bt_mid(mode) + 1; }

__attribute__((noinline)) int recurse(int depth) {
  volatile char pad[16];
  pad[0] = (char)depth;
  return recurse(depth + 1) + pad[0];
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "overflow") == 0) return recurse(0);
  return bt_root(argc > 1 ? argv[1] : "none");
}
