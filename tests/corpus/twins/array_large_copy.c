/* twin of array_large_copy */
#include "toy_rt.h"

struct A512 {
  uint32_t v[512];
};

static uint32_t checksum(struct A512 a) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < 512; i++) h = (h ^ a.v[i]) * 16777619u;
  return h;
}

int main(void) {
  struct A512 a;
  for (int64_t i = 0; i < 512; i++) a.v[i] = (uint32_t)(i * 2654435761ll);
  struct A512 b = a;
  b.v[100] = 0;
  uint32_t ha = checksum(a);
  uint32_t hb = checksum(b);
  a.v[0] = 1;
  uint32_t hb2 = checksum(b);
  printf("%08x %08x %d\n", ha, hb, (int32_t)(hb == hb2));
  return (int32_t)((ha ^ hb) % 256);
}
