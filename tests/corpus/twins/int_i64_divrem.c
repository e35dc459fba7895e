/* twin of int_i64_divrem */
#include "toy_rt.h"

static uint64_t checksum = 0;

static void show(const char* label, int64_t v) {
  printf("%s=%ld\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}

int main(void) {
  int64_t a[14] = {(int64_t)7ll,
                   (int64_t)-7ll,
                   (int64_t)7ll,
                   (int64_t)-7ll,
                   INT64_MIN,
                   INT64_MIN,
                   INT64_MIN,
                   (int64_t)9223372036854775807ll,
                   (int64_t)9223372036854775807ll,
                   (int64_t)0ll,
                   (int64_t)-9223372036854775807ll,
                   (int64_t)5ll,
                   (int64_t)-5ll,
                   INT64_MIN};
  int64_t b[14] = {(int64_t)2ll,
                   (int64_t)2ll,
                   (int64_t)-2ll,
                   (int64_t)-2ll,
                   (int64_t)1ll,
                   (int64_t)2ll,
                   (int64_t)9223372036854775807ll,
                   INT64_MIN,
                   (int64_t)-1ll,
                   (int64_t)-5ll,
                   (int64_t)-1ll,
                   (int64_t)7ll,
                   (int64_t)7ll,
                   (int64_t)-2ll};
  for (int i = 0; i < 14; i++) {
    show("div", DIV(int64_t, a[i], b[i]));
    show("rem", REM(int64_t, a[i], b[i]));
  }
  int64_t c = (int64_t)9223372036854775807ll;
  c = DIV(int64_t, c, 3);
  show("c/=3", c);
  c = REM(int64_t, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}
