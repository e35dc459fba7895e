/* twin of str_manual_ops */
#include "toy_rt.h"

static uint64_t str_len(const uint8_t* s) {
  uint64_t n = 0;
  while (s[n] != 0) n += 1;
  return n;
}

static int32_t str_cmp(const uint8_t* a, const uint8_t* b) {
  uint64_t i = 0;
  while (a[i] != 0 && a[i] == b[i]) i += 1;
  return (int32_t)a[i] - (int32_t)b[i];
}

static void reverse_into(uint8_t* dst, const uint8_t* src) {
  uint64_t n = str_len(src);
  for (uint64_t i = 0; i < n; i++) dst[i] = src[n - 1 - i];
  dst[n] = 0;
}

static int32_t count(const uint8_t* s, uint8_t c) {
  int32_t k = 0;
  for (const uint8_t* p = s; *p != 0; p++)
    if (*p == c) k += 1;
  return k;
}

#define U(s) ((const uint8_t*)(s))

int main(void) {
  uint8_t buf[32] = {0};
  const uint8_t* text = U("stressed desserts");
  reverse_into(buf, text);
  int32_t c1 = str_cmp(U("apple"), U("apricot"));
  int32_t c2 = str_cmp(U("same"), U("same"));
  int32_t c3 = str_cmp(U("b"), U("abc"));
  int32_t ss = count(text, 's');
  printf("%s|%lu|%d %d %d|%d\n", (char*)buf, str_len(buf), c1, c2, c3, ss);
  return (int32_t)str_len(text) + c1 + c3 + ss;
}
