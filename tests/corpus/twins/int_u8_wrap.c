/* twin of int_u8_wrap */
#include "toy_rt.h"

static uint8_t add(uint8_t a, uint8_t b) { return (uint8_t)(a + b); }
static uint8_t sub(uint8_t a, uint8_t b) { return (uint8_t)(a - b); }
static uint8_t mul(uint8_t a, uint8_t b) { return (uint8_t)(a * b); }
static uint8_t neg(uint8_t a) { return (uint8_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, uint8_t v) {
  printf("%s=%u\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  uint8_t max = (uint8_t)255;
  uint8_t min = (uint8_t)0;
  uint8_t one = 1;
  show("max + 1", (uint8_t)(max + 1));
  show("min - 1", (uint8_t)(min - 1));
  show("max * 2", (uint8_t)(max * 2));
  show("max * max", (uint8_t)(max * max));
  show("min * min", (uint8_t)(min * min));
  show("min + min", (uint8_t)(min + min));
  show("max - min", (uint8_t)(max - min));
  show("min - max", (uint8_t)(min - max));
  show("-min", (uint8_t)(-min));
  show("-max", (uint8_t)(-max));
  show("-one", (uint8_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  uint8_t c = max;
  c = (uint8_t)(c + 1);
  show("c+=1", c);
  c = (uint8_t)(c - 1);
  show("c-=1", c);
  c = (uint8_t)(c * 3);
  show("c*=3", c);
  c = (uint8_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
