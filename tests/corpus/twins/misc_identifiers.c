/* twin of misc_identifiers */
#include "toy_rt.h"

int main(void) {
  int64_t total = 55;
  printf("total=%ld byte=%u\n", total, (uint8_t)(total + 250));
  return (int32_t)total + (int32_t)(uint8_t)300;
}
