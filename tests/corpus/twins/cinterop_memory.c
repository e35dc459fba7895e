/* twin of cinterop_memory */
#include "toy_rt.h"

int main(void) {
  uint64_t n = 16;
  int32_t* a = (int32_t*)malloc(n * sizeof(int32_t));
  memset(a, 0, n * sizeof(int32_t));
  for (uint64_t i = 0; i < n; i++) a[i] = (int32_t)(i * i);
  int32_t* b = (int32_t*)malloc(n * sizeof(int32_t));
  void* r = memcpy(b, a, n * sizeof(int32_t));
  bool same_ptr = r == (void*)b;
  b[3] = -1;
  int cmp = memcmp(a, b, n * sizeof(int32_t));
  uint8_t* bytes = malloc(8);
  memset(bytes, 0xAB, 8);
  uint64_t* z = calloc(4, 8);
  uint64_t* w = (uint64_t*)bytes;
  printf("%d %d %d same=%d cmp<0=%d %lx %lu\n", b[2], b[3], b[15], (int32_t)same_ptr,
         (int32_t)(cmp < 0), *w, z[3]);
  int32_t result = b[15] + (int32_t)(cmp < 0);
  free(a);
  free(b);
  free(bytes);
  free(z);
  return result;
}
