/* twin of fnptr_table */
#include "toy_rt.h"

static int64_t add(int64_t a, int64_t b) { return a + b; }
static int64_t sub(int64_t a, int64_t b) { return a - b; }
static int64_t mul(int64_t a, int64_t b) { return a * b; }
static int64_t pick(int64_t a, int64_t b) {
  (void)a;
  return b;
}

struct Op {
  const char* name;
  int64_t (*apply)(int64_t, int64_t);
};

int main(void) {
  int64_t (*table[4])(int64_t, int64_t) = {add, sub, mul, pick};
  int64_t acc = 1;
  for (int64_t i = 0; i < 8; i++) acc = table[i % 4](acc, i + 2);
  struct Op ops[3] = {{"add", add}, {"mul", mul}, {"sub", sub}};
  int64_t v = 2;
  for (int i = 0; i < 3; i++) {
    v = ops[i].apply(v, 10);
    printf("%s -> %ld\n", ops[i].name, v);
  }
  struct Op op = ops[1];
  int64_t w = op.apply(6, 7);
  printf("acc=%ld v=%ld w=%ld\n", acc, v, w);
  return (int32_t)((acc + v + w) % 256);
}
