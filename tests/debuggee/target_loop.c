/* Debuggee for the Target tests (tests/debugger/Target*.tests.cpp). Without
   arguments: a loop calls tide_target_tick five times (breakpoint hit
   counts, arguments in rdi and rsi), then the tests may change the global
   at tide_target_check_global, and the exit code passes through
   tide_target_exit_code (a test rewrites its argument register).
   "scale": exits with tide_target_scale(1.5), a double in xmm0.
   "forever": spins until interrupted or killed. */
#include <string.h>

volatile long tide_target_global = 0x1122334455667788;

__attribute__((noinline)) long tide_target_tick(long index, long twice) { return index + twice; }

__attribute__((noinline)) void tide_target_check_global(void) {}

__attribute__((noinline)) int tide_target_exit_code(int code) { return code; }

__attribute__((noinline)) double tide_target_scale(double value) { return value * 2.0; }

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "forever") == 0) {
    volatile unsigned long spins = 0;
    for (;;) ++spins;
  }
  if (argc > 1 && strcmp(argv[1], "scale") == 0) return (int)tide_target_scale(1.5);
  long sum = 0;
  for (long index = 0; index < 5; ++index) sum += tide_target_tick(index, 2 * index);
  tide_target_check_global();
  int code = 1;
  if (tide_target_global == 0x1122334455667788) code = 7;
  if (tide_target_global == 0x42) code = 42;
  return tide_target_exit_code(sum == 30 ? code : 1);
}
