/* JIT test program: prints how many CPUs it may run on, so a test can check
   that a host child pinned while waiting for its object (PreforkedHost) gives
   the program this process's whole affinity mask back. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>

int main(void) {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return 1;
  printf("cpus=%d\n", CPU_COUNT(&set));
  return 0;
}
