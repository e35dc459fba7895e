/* JIT test program: global data wired together by relocations (pointers to
   data, strings and functions inside initialised data, zero-initialised
   data, a mutable counter). Prints what it sees; returns 0 when all agree. */
#include <stdio.h>

int table[5] = {10, 20, 30, 40, 50};
int* middle = &table[2];
const char* names[] = {"alpha", "beta", "gamma"};
static int counter;
int zeroed[64];

static int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }
int (*operations[])(int) = {twice, thrice};

struct Node {
  const char* label;
  struct Node* next;
};
struct Node last = {"last", 0};
struct Node first = {"first", &last};

int main(void) {
  int failures = 0;
  for (int i = 0; i < 3; ++i) counter += table[i];
  failures += counter != 60;
  failures += *middle != 30;
  failures += operations[0](7) != 14 || operations[1](7) != 21;
  failures += first.next != &last || first.next->next != 0;
  for (int i = 0; i < 64; ++i) failures += zeroed[i] != 0;
  zeroed[63] = 5;
  printf("%s %s %s %s->%s counter=%d middle=%d ops=%d,%d zeroed=%d\n", names[0], names[1],
         names[2], first.label, first.next->label, counter, *middle, operations[0](7),
         operations[1](7), zeroed[63]);
  return failures;
}
