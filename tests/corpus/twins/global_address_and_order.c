/* twin of global_address_and_order */
#include "toy_rt.h"

struct Box {
  int32_t v[2];
};
static int64_t late_counter = 1;
static struct Box late_box = {{3, 4}};

static void add_to(int64_t* p, int64_t n) { *p += n; }

int main(void) {
  int64_t* p = &late_counter;
  *p += 5;
  add_to(&late_counter, 10);
  struct Box b = late_box;
  late_box.v[1] = 99;
  printf("counter=%ld box=%d,%d copy=%d\n", late_counter, late_box.v[0], late_box.v[1], b.v[1]);
  return (int32_t)(late_counter + (int64_t)late_box.v[1] + (int64_t)b.v[1]);
}
