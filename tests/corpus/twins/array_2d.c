/* twin of array_2d */
#include "toy_rt.h"

int main(void) {
  int32_t m[3][4] = {{0}};
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
  int32_t row[4];
  memcpy(row, m[1], sizeof row);
  memcpy(m[2], m[0], sizeof m[0]);
  m[0][3] = -1;
  int32_t trace = 0;
  for (int i = 0; i < 3; i++) {
    printf("%d %d %d %d\n", m[i][0], m[i][1], m[i][2], m[i][3]);
    trace += m[i][i];
  }
  printf("row=%d %d %d %d trace=%d\n", row[0], row[1], row[2], row[3], trace);
  return trace + row[3] + m[2][3];
}
