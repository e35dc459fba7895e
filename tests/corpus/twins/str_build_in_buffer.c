/* twin of str_build_in_buffer */
#include "toy_rt.h"

static uint64_t write_u64(uint8_t* buf, uint64_t v) {
  uint64_t n = 0, x = v;
  for (;;) {
    buf[n] = (uint8_t)('0' + (uint8_t)(x % 10));
    n += 1;
    x /= 10;
    if (x == 0) break;
  }
  for (uint64_t i = 0; i < n / 2; i++) {
    uint8_t t = buf[i];
    buf[i] = buf[n - 1 - i];
    buf[n - 1 - i] = t;
  }
  buf[n] = 0;
  return n;
}

int main(void) {
  uint8_t* buf = malloc(64);
  uint64_t total = 0;
  uint64_t values[4] = {0, 7, 1234567890, 18446744073709551615ull};
  for (int i = 0; i < 4; i++) {
    total += write_u64(buf, values[i]);
    puts((char*)buf);
  }
  uint64_t n = write_u64(buf + 10, 42);
  printf("[%s] total=%lu n=%lu\n", (char*)(buf + 10), total, n);
  free(buf);
  return (int32_t)total;
}
