/* twin of cinterop_snprintf_buffer */
#include "toy_rt.h"

int main(void) {
  char buf[16] = {0};
  int full = snprintf(buf, 16, "%ld-%s-%.1f", 2026l, "toy", 1.25);
  printf("[%s] %d\n", buf, full);
  int cut = snprintf(buf, 6, "%s", "truncated text");
  printf("[%s] %d last=%d\n", buf, cut, (int32_t)(uint8_t)buf[5]);
  return full + cut;
}
