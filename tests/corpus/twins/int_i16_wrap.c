/* twin of int_i16_wrap */
#include "toy_rt.h"

static int16_t add(int16_t a, int16_t b) { return (int16_t)(a + b); }
static int16_t sub(int16_t a, int16_t b) { return (int16_t)(a - b); }
static int16_t mul(int16_t a, int16_t b) { return (int16_t)(a * b); }
static int16_t neg(int16_t a) { return (int16_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, int16_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int16_t max = (int16_t)32767;
  int16_t min = (int16_t)-32768;
  int16_t one = 1;
  show("max + 1", (int16_t)(max + 1));
  show("min - 1", (int16_t)(min - 1));
  show("max * 2", (int16_t)(max * 2));
  show("max * max", (int16_t)(max * max));
  show("min * min", (int16_t)(min * min));
  show("min + min", (int16_t)(min + min));
  show("max - min", (int16_t)(max - min));
  show("min - max", (int16_t)(min - max));
  show("-min", (int16_t)(-min));
  show("-max", (int16_t)(-max));
  show("-one", (int16_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  int16_t c = max;
  c = (int16_t)(c + 1);
  show("c+=1", c);
  c = (int16_t)(c - 1);
  show("c-=1", c);
  c = (int16_t)(c * 3);
  show("c*=3", c);
  c = (int16_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
