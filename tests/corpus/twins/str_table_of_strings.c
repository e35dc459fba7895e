/* twin of str_table_of_strings */
#include "toy_rt.h"

static const char* DAYS[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int main(void) {
  const char* words[3] = {"alpha", "beta", "gamma"};
  int32_t sum = 0;
  for (int i = 0; i < 7; i++) {
    const uint8_t* d = (const uint8_t*)DAYS[i];
    printf("%s ", (const char*)d);
    sum += (int32_t)d[0] + (int32_t)d[2];
  }
  for (int i = 0; i < 3; i++) {
    printf("%s ", words[i]);
    sum += (int32_t)(uint8_t)words[i][1];
  }
  printf("\n");
  return sum % 256;
}
