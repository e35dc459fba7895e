/* twin of global_let_address */
#include "toy_rt.h"

static const int64_t ANSWER = 42;
static const int32_t PAIR[2] = {7, 8};
static int64_t value = 1;
static int64_t* alias = &value;

int main(void) {
  const int64_t* pa = &ANSWER;
  const int32_t* pp = &PAIR[1];
  *alias = 10;
  value += 5;
  printf("%ld %d %ld %ld\n", *pa, *pp, value, *alias);
  return (int32_t)(*pa + (int64_t)*pp + value + *alias);
}
