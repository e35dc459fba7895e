/* twin of int_i64_wrap */
#include "toy_rt.h"

static int64_t add(int64_t a, int64_t b) { return (int64_t)(a + b); }
static int64_t sub(int64_t a, int64_t b) { return (int64_t)(a - b); }
static int64_t mul(int64_t a, int64_t b) { return (int64_t)(a * b); }
static int64_t neg(int64_t a) { return (int64_t)(-a); }

static uint64_t checksum = 0;

static void show(const char* label, int64_t v) {
  printf("%s=%ld\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int64_t max = (int64_t)9223372036854775807ll;
  int64_t min = INT64_MIN;
  int64_t one = 1;
  show("max + 1", (int64_t)(max + 1));
  show("min - 1", (int64_t)(min - 1));
  show("max * 2", (int64_t)(max * 2));
  show("max * max", (int64_t)(max * max));
  show("min * min", (int64_t)(min * min));
  show("min + min", (int64_t)(min + min));
  show("max - min", (int64_t)(max - min));
  show("min - max", (int64_t)(min - max));
  show("-min", (int64_t)(-min));
  show("-max", (int64_t)(-max));
  show("-one", (int64_t)(-one));
  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  int64_t c = max;
  c = (int64_t)(c + 1);
  show("c+=1", c);
  c = (int64_t)(c - 1);
  show("c-=1", c);
  c = (int64_t)(c * 3);
  show("c*=3", c);
  c = (int64_t)(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}
