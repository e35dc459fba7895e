/* twin of int_u32_wrap */
#include "toy_rt.h"

static uint32_t add(uint32_t a, uint32_t b) { return (uint32_t)(a + b); }
static uint32_t sub(uint32_t a, uint32_t b) { return (uint32_t)(a - b); }
static uint32_t mul(uint32_t a, uint32_t b) { return (uint32_t)(a * b); }
static uint32_t neg(uint32_t a) { return (uint32_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, uint32_t v) {
  printf("%s=%u\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint32_t max = (uint32_t)4294967295u;
  uint32_t min = (uint32_t)0u;
  uint32_t one = 1;
  show("max + 1", (uint32_t)(max + 1));
  show("min - 1", (uint32_t)(min - 1));
  show("max * 2", (uint32_t)(max * 2));
  show("max * max", (uint32_t)(max * max));
  show("min * min", (uint32_t)(min * min));
  show("min + min", (uint32_t)(min + min));
  show("max - min", (uint32_t)(max - min));
  show("min - max", (uint32_t)(min - max));
  show("-min", (uint32_t)(-min));
  show("-max", (uint32_t)(-max));
  show("-one", (uint32_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  uint32_t c = max;
  c = (uint32_t)(c + 1);
  show("c+=1", c);
  c = (uint32_t)(c - 1);
  show("c-=1", c);
  c = (uint32_t)(c * 3);
  show("c*=3", c);
  c = (uint32_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
