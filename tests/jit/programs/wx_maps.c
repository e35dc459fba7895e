/* JIT test program: reports, from inside the JIT image, the permissions of
   the mappings holding its code, constant data and writable data, and any
   mapping in the whole process that is both writable and executable. */
#include <stdio.h>
#include <string.h>

int writable = 1;
const int constant = 2;

static void show(const char* what, unsigned long address) {
  FILE* maps = fopen("/proc/self/maps", "r");
  char line[512];
  while (maps && fgets(line, sizeof line, maps)) {
    unsigned long start = 0, end = 0;
    char permissions[8] = {0};
    if (sscanf(line, "%lx-%lx %7s", &start, &end, permissions) != 3) continue;
    if (address >= start && address < end) printf("%s %s\n", what, permissions);
  }
  if (maps) fclose(maps);
}

int main(void) {
  show("code", (unsigned long)&main);
  show("constant", (unsigned long)&constant);
  show("writable", (unsigned long)&writable);
  FILE* maps = fopen("/proc/self/maps", "r");
  char line[512];
  int writableAndExecutable = 0;
  while (maps && fgets(line, sizeof line, maps)) {
    char permissions[8] = {0};
    if (sscanf(line, "%*x-%*x %7s", permissions) == 1 && permissions[1] == 'w' &&
        permissions[2] == 'x') {
      printf("WX %s", line);
      ++writableAndExecutable;
    }
  }
  if (maps) fclose(maps);
  printf("wx-mappings=%d\n", writableAndExecutable);
  return 0;
}
