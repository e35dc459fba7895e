/* twin of ptr_byte_view */
#include "toy_rt.h"

struct Rec {
  uint16_t a, z;
  uint32_t b;
};

int main(void) {
  struct Rec r;
  memset(&r, 0, sizeof r);
  r.a = 0x0102;
  r.z = 0xA0B0;
  r.b = 0x03040506;
  uint8_t* p = (uint8_t*)&r;
  uint32_t sum = 0;
  for (uint64_t i = 0; i < sizeof(struct Rec); i++) {
    printf("%02x", p[i]);
    sum = sum * 3 + (uint32_t)p[i];
  }
  double d = 1.0;
  uint8_t* q = (uint8_t*)&d;
  printf(" | %02x %02x\n", q[6], q[7]);
  uint64_t bits;
  memcpy(&bits, &d, 8);
  printf("%lx\n", bits);
  return (int32_t)(sum % 256);
}
