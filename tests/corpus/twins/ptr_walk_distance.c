/* twin of ptr_walk_distance */
#include "toy_rt.h"

static int64_t length(const uint8_t* s) {
  const uint8_t* p = s;
  while (*p != 0) p = p + 1;
  return p - s;
}

int main(void) {
  const uint8_t* s = (const uint8_t*)"pointer walk";
  int64_t n = length(s);
  int64_t idx = n - 1; /* back = s + idx */
  uint64_t rev = 0;
  while (idx >= 0) {
    rev = rev * 131 + (uint64_t)s[idx];
    idx -= 1;
    if (idx < 0) break;
  }
  int64_t words[3] = {0, 0, 0};
  int64_t* w = &words[0];
  int64_t* end = w + 3;
  int64_t* q = w;
  int64_t k = 1;
  while (q != end) {
    *q = k * 11;
    q = q + 1;
    k += 1;
  }
  printf("n=%ld rev=%lu words=%ld,%ld,%ld\n", n, rev, words[0], words[1], words[2]);
  return (int32_t)(n + (int64_t)(rev % 100) + words[2]);
}
