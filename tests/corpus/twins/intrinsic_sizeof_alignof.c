/* twin of intrinsic_sizeof_alignof */
#include "toy_rt.h"

struct Tiny {
  uint8_t a;
};
struct Odd {
  uint8_t a;
  uint32_t b;
  uint16_t c;
};
struct Holder {
  struct Tiny t;
  uint16_t arr[5];
  int64_t (*f)(int64_t);
  double d;
};

int main(void) {
  printf("%lu %lu %lu %lu %lu %lu %lu %lu\n", sizeof(int8_t), sizeof(int16_t), sizeof(int32_t),
         sizeof(int64_t), sizeof(uint8_t), sizeof(uint16_t), sizeof(uint32_t), sizeof(uint64_t));
  printf("%lu %lu %lu %lu %lu\n", sizeof(bool), sizeof(double), sizeof(uint8_t*),
         sizeof(struct Odd**), sizeof(int64_t(*)(int64_t)));
  printf("%lu %lu %lu %lu\n", sizeof(int16_t[3]), sizeof(int32_t[2][3]), sizeof(int64_t[0]),
         sizeof(struct Odd[4]));
  printf("%lu %lu %lu\n", sizeof(struct Tiny), sizeof(struct Odd), sizeof(struct Holder));
  printf("%lu %lu %lu %lu %lu %lu %lu\n", _Alignof(uint8_t), _Alignof(int16_t), _Alignof(uint32_t),
         _Alignof(double), _Alignof(struct Odd), _Alignof(struct Holder), _Alignof(uint16_t[3]));
  uint64_t total =
      sizeof(struct Holder) + sizeof(struct Odd) + _Alignof(struct Holder) + sizeof(int32_t[2][3]);
  return (int32_t)total;
}
