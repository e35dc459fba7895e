/* twin of struct_array_of */
#include "toy_rt.h"

struct Item {
  int32_t id;
  double weight;
  bool used;
};

int main(void) {
  struct Item items[4] = {{1, 0.5, false}, {2, 1.5, true}, {3, 2.5, false}, {4, 3.5, true}};
  struct Item snapshot[4];
  memcpy(snapshot, items, sizeof items);
  items[0].id = 10;
  items[2] = items[3];
  items[3].weight *= 2.0;
  int32_t ids = 0, used = 0;
  double total = 0.0;
  for (int i = 0; i < 4; i++) {
    ids = ids * 10 + items[i].id;
    total += items[i].weight;
    if (items[i].used) used += 1;
    printf("%d %.17g %d | %d %.17g\n", items[i].id, items[i].weight, (int32_t)items[i].used,
           snapshot[i].id, snapshot[i].weight);
  }
  printf("ids=%d total=%.17g used=%d\n", ids, total, used);
  return ids % 256 + used;
}
