/* twin of int_u16_wrap */
#include "toy_rt.h"

static uint16_t add(uint16_t a, uint16_t b) { return (uint16_t)(a + b); }
static uint16_t sub(uint16_t a, uint16_t b) { return (uint16_t)(a - b); }
static uint16_t mul(uint16_t a, uint16_t b) { return (uint16_t)(a * b); }
static uint16_t neg(uint16_t a) { return (uint16_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, uint16_t v) {
  printf("%s=%u\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint16_t max = (uint16_t)65535;
  uint16_t min = (uint16_t)0;
  uint16_t one = 1;
  show("max + 1", (uint16_t)(max + 1));
  show("min - 1", (uint16_t)(min - 1));
  show("max * 2", (uint16_t)(max * 2));
  show("max * max", (uint16_t)(max * max));
  show("min * min", (uint16_t)(min * min));
  show("min + min", (uint16_t)(min + min));
  show("max - min", (uint16_t)(max - min));
  show("min - max", (uint16_t)(min - max));
  show("-min", (uint16_t)(-min));
  show("-max", (uint16_t)(-max));
  show("-one", (uint16_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  uint16_t c = max;
  c = (uint16_t)(c + 1);
  show("c+=1", c);
  c = (uint16_t)(c - 1);
  show("c-=1", c);
  c = (uint16_t)(c * 3);
  show("c*=3", c);
  c = (uint16_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
