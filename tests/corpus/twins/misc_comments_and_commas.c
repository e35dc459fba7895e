/* twin of misc_comments_and_commas */
#include "toy_rt.h"

struct Pt {
  int64_t x, y;
};

static int64_t sum3(int64_t a, int64_t b, int64_t c) { return a + b + c; }
struct Pt scaled(struct Pt p, int64_t k) {
  return (struct Pt){p.x * k, p.y * k};
}

int main(void) {
  int64_t arr[3] = {1, 2, 3};
  struct Pt p = scaled((struct Pt){2, 3}, 10);
  int64_t s = sum3(arr[0], arr[1], arr[2]);
  printf("s=%ld p=%ld,%ld\n", s, p.x, p.y);
  return (int32_t)(s + p.x + p.y);
}
