/* twin of misc_fnv_hash */
#include "toy_rt.h"

static uint64_t fnv1a(const uint8_t* s) {
  uint64_t h = 14695981039346656037ull;
  for (uint64_t i = 0; s[i] != 0; i++) h = (h ^ (uint64_t)s[i]) * 1099511628211ull;
  return h;
}

static uint64_t state = 88172645463325252ull;

static uint64_t xorshift(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

int main(void) {
  uint64_t a = fnv1a((const uint8_t*)""), b = fnv1a((const uint8_t*)"a"),
           c = fnv1a((const uint8_t*)"foobar");
  uint64_t x = 0;
  for (int k = 0; k < 1000; k++) x ^= xorshift();
  printf("%lx %lx %lx %lu\n", a, b, c, x);
  return (int32_t)((a ^ b ^ c ^ x) % 256);
}
