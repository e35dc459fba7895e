/* twin of fnptr_compare_values */
#include "toy_rt.h"

static int32_t a(int32_t x) { return x + 1; }
static int32_t b(int32_t x) { return x + 2; }

struct Holder {
  int32_t (*f)(int32_t);
};

static int32_t (*global_f)(int32_t) = b;

int main(void) {
  int32_t (*arr[3])(int32_t) = {a, b, a};
  struct Holder h = {a};
  int32_t score = 0;
  if (arr[0] == arr[2]) score += 1;
  if (arr[0] != arr[1]) score += 2;
  if (h.f == a) score += 4;
  if (global_f == arr[1]) score += 8;
  if (global_f != h.f) score += 16;
  global_f = a;
  if (global_f == h.f) score += 32;
  printf("score=%d call=%d\n", score, global_f(10) + arr[1](10));
  return score;
}
