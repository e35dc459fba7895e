/* twin of ptr_arithmetic */
#include "toy_rt.h"

struct Wide {
  int64_t a, b, c;
};

int main(void) {
  int32_t a[8] = {10, 11, 12, 13, 14, 15, 16, 17};
  int32_t* p = &a[0];
  int32_t* q = p + 5;
  int32_t* r = q - 2;
  uint8_t k = 1;
  int32_t* s = r + k;
  int16_t m = -3;
  int32_t* t = s + m;
  int64_t dist = q - p;
  int64_t back = p - q;
  int64_t neg = -1;
  int32_t* u = q + neg;
  printf("%d %d %d %d %d %ld %ld\n", *q, *r, *s, *t, *u, dist, back);
  struct Wide ws[3] = {{0}};
  struct Wide* w0 = &ws[0];
  struct Wide* w2 = w0 + 2;
  w2->b = 77;
  uint64_t bytes = (uint64_t)w2 - (uint64_t)w0;
  printf("wide dist=%ld bytes=%lu b=%ld\n", (int64_t)(w2 - w0), bytes, ws[2].b);
  int32_t via_index = p[6] + r[-1] + q[2];
  printf("index=%d\n", via_index);
  return (int32_t)(dist + back + (int64_t)bytes + (int64_t)via_index);
}
