/* twin of struct_copy_semantics */
#include "toy_rt.h"

struct Point {
  int32_t x, y;
};

static struct Point moved(struct Point p) {
  struct Point q = p;
  q.x += 100;
  return q;
}

int main(void) {
  struct Point a = {1, 2};
  struct Point b = a;
  b.x = 10;
  struct Point c = a;
  a.y = 20;
  struct Point d = moved(a);
  printf("a=%d,%d b=%d,%d c=%d,%d d=%d,%d\n", a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y);
  return a.x + a.y + b.x + b.y + c.x + c.y + d.x + d.y;
}
