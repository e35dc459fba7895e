/* Debuggee for the Target test of the runner protocol's hook: like
   tide-runner, it maps an "image", calls tide_runner_image_loaded with its
   base and size (the debugger breaks there and reads rdi and rsi), and
   prints the base so the test can compare. */
#include <stdio.h>
#include <sys/mman.h>

__attribute__((noinline)) void tide_runner_image_loaded(void* base, unsigned long size) {
  __asm__ volatile("" : : "r"(base), "r"(size) : "memory");
}

int main(void) {
  const unsigned long size = 3 * 4096;
  void* base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return 1;
  ((unsigned char*)base)[0] = 0x7f;
  printf("image base %p\n", base);
  fflush(stdout);
  tide_runner_image_loaded(base, size);
  return 0;
}
