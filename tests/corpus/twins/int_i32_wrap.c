/* twin of int_i32_wrap */
#include "toy_rt.h"

static int32_t add(int32_t a, int32_t b) { return (int32_t)(a + b); }
static int32_t sub(int32_t a, int32_t b) { return (int32_t)(a - b); }
static int32_t mul(int32_t a, int32_t b) { return (int32_t)(a * b); }
static int32_t neg(int32_t a) { return (int32_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, int32_t v) {
  printf("%s=%d\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int32_t max = (int32_t)2147483647;
  int32_t min = INT32_MIN;
  int32_t one = 1;
  show("max + 1", (int32_t)(max + 1));
  show("min - 1", (int32_t)(min - 1));
  show("max * 2", (int32_t)(max * 2));
  show("max * max", (int32_t)(max * max));
  show("min * min", (int32_t)(min * min));
  show("min + min", (int32_t)(min + min));
  show("max - min", (int32_t)(max - min));
  show("min - max", (int32_t)(min - max));
  show("-min", (int32_t)(-min));
  show("-max", (int32_t)(-max));
  show("-one", (int32_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  int32_t c = max;
  c = (int32_t)(c + 1);
  show("c+=1", c);
  c = (int32_t)(c - 1);
  show("c-=1", c);
  c = (int32_t)(c * 3);
  show("c*=3", c);
  c = (int32_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
