/* twin of struct_pointer_autoderef */
#include "toy_rt.h"

struct Vec {
  int64_t x, y;
};
struct Node {
  int64_t value;
  struct Vec pos;
  struct Node* next;
};

static void scale(struct Vec* v, int64_t k) {
  v->x *= k;
  v->y = v->y * k + 1;
}

int main(void) {
  struct Node c = {3, {5, 6}, NULL};
  struct Node b = {2, {3, 4}, &c};
  struct Node a = {1, {1, 2}, &b};
  struct Node* pa = &a;
  pa->value += 10;
  pa->next->value += 20;
  pa->pos.x = 9;
  scale(&pa->next->next->pos, 3);
  scale(&b.pos, 2);
  int64_t sum = 0;
  struct Node* p = &a;
  while (p != NULL) {
    printf("%ld (%ld,%ld)\n", p->value, p->pos.x, p->pos.y);
    sum = sum * 3 + p->value + p->pos.x + p->pos.y;
    p = p->next;
  }
  struct Node whole = *pa;
  printf("copy %ld %ld\n", whole.value, whole.pos.y);
  return (int32_t)(sum % 256);
}
