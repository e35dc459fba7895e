/* twin of ptr_basics */
#include "toy_rt.h"

static void store(int64_t* p, int64_t v) { *p = v; }

int main(void) {
  int64_t a = 1;
  int64_t* p = &a;
  *p = *p + 41;
  int64_t fixed = 5;
  int64_t* q = &fixed;
  store(q, 7);
  int64_t seen = fixed;
  bool same = &*p == p;
  int64_t** pp = &p;
  int64_t through = **pp;
  int64_t b = 100;
  int64_t* pb = &b;
  int64_t** ppb = &pb;
  **ppb += 1;
  printf("a=%ld fixed=%ld same=%d through=%ld b=%ld\n", a, seen, (int32_t)same, through, b);
  return (int32_t)(a + seen + through + b) - 150;
}
