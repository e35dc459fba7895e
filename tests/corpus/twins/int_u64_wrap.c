/* twin of int_u64_wrap */
#include "toy_rt.h"

static uint64_t add(uint64_t a, uint64_t b) { return (uint64_t)(a + b); }
static uint64_t sub(uint64_t a, uint64_t b) { return (uint64_t)(a - b); }
static uint64_t mul(uint64_t a, uint64_t b) { return (uint64_t)(a * b); }
static uint64_t neg(uint64_t a) { return (uint64_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, uint64_t v) {
  printf("%s=%lu\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint64_t max = (uint64_t)18446744073709551615ull;
  uint64_t min = (uint64_t)0ull;
  uint64_t one = 1;
  show("max + 1", (uint64_t)(max + 1));
  show("min - 1", (uint64_t)(min - 1));
  show("max * 2", (uint64_t)(max * 2));
  show("max * max", (uint64_t)(max * max));
  show("min * min", (uint64_t)(min * min));
  show("min + min", (uint64_t)(min + min));
  show("max - min", (uint64_t)(max - min));
  show("min - max", (uint64_t)(min - max));
  show("-min", (uint64_t)(-min));
  show("-max", (uint64_t)(-max));
  show("-one", (uint64_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  uint64_t c = max;
  c = (uint64_t)(c + 1);
  show("c+=1", c);
  c = (uint64_t)(c - 1);
  show("c-=1", c);
  c = (uint64_t)(c * 3);
  show("c*=3", c);
  c = (uint64_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
