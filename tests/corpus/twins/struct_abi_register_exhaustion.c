/* twin of struct_abi_register_exhaustion */
#include "toy_rt.h"

struct Pair {
  int64_t a, b;
};
struct V2 {
  double x, y;
};

static int64_t many(struct Pair p1, struct Pair p2, struct Pair p3, struct Pair p4, int64_t tail,
                    struct V2 v1, struct V2 v2, struct V2 v3, struct V2 v4, struct V2 v5,
                    double last) {
  int64_t ints =
      p1.a + p2.a * 2 + p3.a * 3 + p4.a * 4 + p1.b * 5 + p2.b * 6 + p3.b * 7 + p4.b * 8 + tail * 9;
  double fl = v1.x + v2.x * 2.0 + v3.x * 3.0 + v4.x * 4.0 + v5.x * 5.0 + v1.y * 6.0 + v2.y * 7.0 +
              v3.y * 8.0 + v4.y * 9.0 + v5.y * 10.0 + last * 11.0;
  return ints * 1000 + F2I(int64_t, fl);
}

int main(void) {
  int64_t r = many((struct Pair){1, 2}, (struct Pair){3, 4}, (struct Pair){5, 6},
                   (struct Pair){7, 8}, 9, (struct V2){0.5, 1.0}, (struct V2){1.5, 2.0},
                   (struct V2){2.5, 3.0}, (struct V2){3.5, 4.0}, (struct V2){4.5, 5.0}, 6.0);
  printf("many=%ld\n", r);
  return (int32_t)(r % 256);
}
