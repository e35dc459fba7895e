/* twin of global_aggregate_initializers */
#include "toy_rt.h"

struct Point {
  int32_t x, y;
};
struct Entry {
  const char* key;
  int64_t value;
  int64_t (*f)(int64_t);
  struct Entry* next;
};

static int64_t add1(int64_t x) { return x + 1; }
static int64_t dbl(int64_t x) { return x * 2; }

static struct Point origin = {42, -40};
static int16_t table[4] = {1, -2, 300, 40};
static uint8_t wrapped = 44;
static double half = 3.0;
static const char* NAME = "toy";
static int64_t anchor = 11;
static int64_t* anchor_ptr = &anchor;
static struct Entry second = {"second", 2, dbl, NULL};
static struct Entry first = {"first", 1, add1, &second};
static struct Point points[2] = {{1, 2}, {3, 4}};
static uint8_t* nothing = NULL;

int main(void) {
  *anchor_ptr += 1;
  struct Entry* e = &first;
  int64_t acc = 0;
  while (e != NULL) {
    acc = acc * 10 + e->f(e->value);
    printf("%s %ld\n", e->key, e->f(e->value));
    e = e->next;
  }
  printf(
      "origin=%d,%d table=%d,%d,%d,%d wrapped=%u half=%.17g name=%s anchor=%ld pts=%d,%d "
      "nothing=%d\n",
      origin.x, origin.y, table[0], table[1], table[2], table[3], wrapped, half, NAME, anchor,
      points[1].x, points[1].y, (int32_t)(nothing == NULL));
  return (int32_t)(acc + anchor + (int64_t)wrapped + (int64_t)origin.x);
}
