/* twin of global_zero_and_init */
#include "toy_rt.h"

struct S {
  int32_t a;
  double b;
};

static int64_t zi;
static uint8_t zu;
static double zf;
static bool zb;
static int64_t* zp;
static int32_t za[4];
static struct S zs;
static int64_t five = 5;
static const int64_t LIMIT = 7;
static int64_t counter = 100;

static int64_t tick(void) {
  counter += 3;
  return counter;
}

int main(void) {
  int32_t zeros = 0;
  if (zi == 0) zeros += 1;
  if (zu == 0) zeros += 1;
  if (zf == 0.0) zeros += 1;
  if (!zb) zeros += 1;
  if (zp == NULL) zeros += 1;
  if (za[0] == 0 && za[3] == 0) zeros += 1;
  if (zs.a == 0 && zs.b == 0.0) zeros += 1;
  int64_t t1 = tick();
  int64_t t2 = tick();
  five *= LIMIT;
  za[2] = 9;
  printf("zeros=%d t1=%ld t2=%ld five=%ld za2=%d counter=%ld\n", zeros, t1, t2, five, za[2],
         counter);
  return zeros + (int32_t)five + (int32_t)counter - 100;
}
