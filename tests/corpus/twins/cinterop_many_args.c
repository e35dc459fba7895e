/* twin of cinterop_many_args */
#include "toy_rt.h"

int main(void) {
  int n = printf(
      "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld | %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f "
      "%.1f\n",
      1l, 2l, 3l, 4l, 5l, 6l, 7l, 8l, 9l, 10l, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5);
  int m =
      printf("%ld %.2f %ld %.2f %ld %.2f %ld %.2f %ld %.2f %ld %.2f %ld %.2f %ld %.2f %ld %.2f\n",
             1l, 0.25, 2l, 0.5, 3l, 0.75, 4l, 1.0, 5l, 1.25, 6l, 1.5, 7l, 1.75, 8l, 2.0, 9l, 2.25);
  return n + m;
}
