/* twin of misc_f64_ieee */
#include "toy_rt.h"

int main(void) {
  double zero = 0.0;
  double nan_ = zero / zero, inf = 1.0 / zero, ninf = -1.0 / zero, nz = -zero;
  int32_t score = 0;
  if (nan_ != nan_) score += 1;
  if (!(nan_ == nan_)) score += 2;
  if (!(nan_ < 1.0) && !(nan_ >= 1.0)) score += 4;
  if (nz == zero) score += 8;
  if (1.0 / nz == ninf) score += 16;
  if (inf - inf != inf - inf) score += 32;
  if (0.1 + 0.2 != 0.3) score += 64;
  if (inf > 1.7976931348623157e308 && ninf < -1.7976931348623157e308) score += 128;
  double third = 1.0 / 3.0;
  printf("%.17g %.17g %f %f %.17g %d\n", third, 0.1 + 0.2, inf, ninf, nz * 1.0, score);
  return score;
}
