/* twin of cinterop_string_functions */
#include <ctype.h>
#include "toy_rt.h"

int main(void) {
  const char* s = "interop";
  uint64_t len = strlen(s);
  bool eq = strcmp("abc", "abc") == 0;
  bool lt = strcmp("abc", "abd") < 0;
  bool pre = strncmp("toylang", "toys", 3) == 0;
  const char* found = strchr(s, 'r');
  int64_t pos = found - s;
  bool missing = strchr(s, 'z') == NULL;
  char buf[32] = {0};
  strcpy(buf, "Toy");
  strcat(buf, " and C");
  int32_t num = atoi("-1234");
  int up = toupper('x');
  printf("%lu %d %d %d %ld %d [%s] %d %c\n", len, (int32_t)eq, (int32_t)lt, (int32_t)pre, pos,
         (int32_t)missing, buf, num, up);
  return (int32_t)len + (int32_t)pos + (int32_t)strlen(buf) + num % 100;
}
