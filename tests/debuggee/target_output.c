/* Debuggee for the Target output tests; argv[1] picks the scenario.
   prints: stdout and stderr lines, a call the tests break on, more lines.
   env: prints its arguments, TIDE_TARGET_GREETING and its working directory.
   echo: copies stdin lines to stdout until end-of-file; exits with the count.
   flood: writes 300000 bytes to stdout, then exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) void tide_target_between_prints(void) {}

static int prints(void) {
  printf("first stdout\n");
  fflush(stdout);
  fputs("first stderr\n", stderr);
  tide_target_between_prints();
  printf("second stdout\n");
  fflush(stdout);
  fputs("second stderr\n", stderr);
  return 0;
}

static int env(int argc, char** argv) {
  for (int index = 2; index < argc; ++index) printf("arg %s\n", argv[index]);
  const char* greeting = getenv("TIDE_TARGET_GREETING");
  printf("greeting %s\n", greeting ? greeting : "(none)");
  char directory[4096];
  printf("cwd %s\n", getcwd(directory, sizeof directory) ? directory : "(unknown)");
  return 0;
}

static int echo(void) {
  char line[256];
  int count = 0;
  while (fgets(line, sizeof line, stdin)) {
    printf("got %s", line);
    fflush(stdout);
    ++count;
  }
  return count;
}

static int flood(void) {
  char block[1000];
  memset(block, 'x', sizeof block);
  for (int index = 0; index < 300; ++index) fwrite(block, 1, sizeof block, stdout);
  return 0;
}

int main(int argc, char** argv) {
  const char* scenario = argc > 1 ? argv[1] : "";
  if (strcmp(scenario, "prints") == 0) return prints();
  if (strcmp(scenario, "env") == 0) return env(argc, argv);
  if (strcmp(scenario, "echo") == 0) return echo();
  if (strcmp(scenario, "flood") == 0) return flood();
  return 2;
}
