/* twin of ptr_conversions */
#include "toy_rt.h"

int main(void) {
  uint32_t word = 0x11223344;
  uint32_t* wp = &word;
  uint8_t* bytes = (uint8_t*)wp;
  uint64_t as_u64 = (uint64_t)wp;
  int64_t as_i64 = (int64_t)wp;
  uint32_t* back = (uint32_t*)as_u64;
  uint32_t* back2 = (uint32_t*)as_i64;
  bool ok = back == wp && back2 == wp;
  bool aligned = as_u64 % 4 == 0;
  bytes[0] = 0xAA;
  uint16_t* halves = (uint16_t*)wp;
  double* np = NULL;
  uint8_t* nq = NULL;
  bool nulls = np == NULL && nq == NULL && (uint64_t)np == 0;
  printf("%x %x %x %x %x %x %d %d %d\n", bytes[0], bytes[1], bytes[2], bytes[3], halves[0],
         halves[1], (int32_t)ok, (int32_t)aligned, (int32_t)nulls);
  return (int32_t)(word % 256) + (int32_t)ok + (int32_t)nulls;
}
