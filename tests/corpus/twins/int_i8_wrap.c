/* twin of int_i8_wrap */
#include "toy_rt.h"

static int8_t add(int8_t a, int8_t b) { return (int8_t)(a + b); }
static int8_t sub(int8_t a, int8_t b) { return (int8_t)(a - b); }
static int8_t mul(int8_t a, int8_t b) { return (int8_t)(a * b); }
static int8_t neg(int8_t a) { return (int8_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, int8_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int8_t max = (int8_t)127;
  int8_t min = (int8_t)-128;
  int8_t one = 1;
  show("max + 1", (int8_t)(max + 1));
  show("min - 1", (int8_t)(min - 1));
  show("max * 2", (int8_t)(max * 2));
  show("max * max", (int8_t)(max * max));
  show("min * min", (int8_t)(min * min));
  show("min + min", (int8_t)(min + min));
  show("max - min", (int8_t)(max - min));
  show("min - max", (int8_t)(min - max));
  show("-min", (int8_t)(-min));
  show("-max", (int8_t)(-max));
  show("-one", (int8_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  int8_t c = max;
  c = (int8_t)(c + 1);
  show("c+=1", c);
  c = (int8_t)(c - 1);
  show("c-=1", c);
  c = (int8_t)(c * 3);
  show("c*=3", c);
  c = (int8_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
