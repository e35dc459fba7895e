/* twin of fault_stack_overflow_mutual */
#include "toy_rt.h"

static uint8_t* volatile sink = NULL;
static int64_t pong(int64_t n);

static int64_t ping(int64_t n) {
  uint8_t pad[64] = {0};
  pad[0] = (uint8_t)n;
  sink = &pad[0];
  int64_t r = pong(n + 1);
  return r + (int64_t)pad[0];
}

static int64_t pong(int64_t n) {
  uint8_t pad[64] = {0};
  pad[1] = (uint8_t)n;
  sink = &pad[0];
  int64_t r = ping(n + 1);
  return r + (int64_t)pad[1];
}

int main(void) { return (int32_t)ping(0); }
