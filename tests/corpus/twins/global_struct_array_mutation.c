/* twin of global_struct_array_mutation */
#include "toy_rt.h"

struct Account {
  int32_t id;
  int64_t balance;
};

static struct Account accounts[3] = {{1, 100}, {2, 50}, {3, 0}};

static bool transfer(int64_t from, int64_t to, int64_t amount) {
  if (accounts[from].balance < amount) return false;
  accounts[from].balance -= amount;
  accounts[to].balance += amount;
  return true;
}

int main(void) {
  int32_t ok = 0;
  if (transfer(0, 2, 30)) ok += 1;
  if (transfer(1, 0, 60)) ok += 1;
  if (transfer(2, 1, 30)) ok += 1;
  if (transfer(1, 0, 80)) ok += 1;
  for (int i = 0; i < 3; i++) printf("%d: %ld\n", accounts[i].id, accounts[i].balance);
  return ok * 100 + (int32_t)accounts[0].balance;
}
