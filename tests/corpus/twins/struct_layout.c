/* twin of struct_layout */
#include <stddef.h>
#include "toy_rt.h"

struct A {
  uint8_t a;
  int64_t b;
};
struct B {
  int64_t a;
  uint8_t b;
};
struct C {
  uint8_t a;
  uint16_t b;
  uint8_t c;
};
struct D {
  bool flag;
  double x;
  int32_t y;
  uint8_t z;
};
struct E {
  struct C c;
  uint8_t d[3];
  uint8_t* p;
};
struct F {
  uint8_t q;
  int64_t r[0];
};

int main(void) {
  uint64_t off_x = offsetof(struct D, x), off_y = offsetof(struct D, y),
           off_z = offsetof(struct D, z);
  uint64_t off_p = offsetof(struct E, p), off_d = offsetof(struct E, d);
  printf("A %lu %lu\n", sizeof(struct A), _Alignof(struct A));
  printf("B %lu %lu\n", sizeof(struct B), _Alignof(struct B));
  printf("C %lu %lu\n", sizeof(struct C), _Alignof(struct C));
  printf("D %lu %lu %lu %lu %lu\n", sizeof(struct D), _Alignof(struct D), off_x, off_y, off_z);
  printf("E %lu %lu %lu %lu\n", sizeof(struct E), _Alignof(struct E), off_d, off_p);
  printf("F %lu %lu\n", sizeof(struct F), _Alignof(struct F));
  uint64_t sum = sizeof(struct A) + sizeof(struct B) + sizeof(struct C) + sizeof(struct D) +
                 sizeof(struct E) + sizeof(struct F) + off_x + off_y + off_z + off_p;
  return (int32_t)sum;
}
