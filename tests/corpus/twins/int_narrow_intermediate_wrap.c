/* twin of int_narrow_intermediate_wrap */
#include "toy_rt.h"

static int64_t i8s(int8_t a, int8_t b) {
  int8_t sum = (int8_t)(a + b);
  int8_t avg = DIV(int8_t, sum, 2);
  int8_t sh = TOY_SHR_S(int8_t, 8, (int8_t)(a * b), 4);
  int64_t neg = sum < 0;
  int8_t rem = REM(int8_t, (int8_t)(a - b), 7);
  printf("i8 %d %d %ld %d\n", avg, sh, neg, rem);
  return (int64_t)avg + (int64_t)sh + neg + (int64_t)rem;
}

static int64_t u8s(uint8_t a, uint8_t b) {
  uint8_t sum = (uint8_t)(a + b);
  uint8_t avg = DIV(uint8_t, sum, 2);
  uint8_t sh = TOY_SHR_U(uint8_t, 8, (uint8_t)(a * b), 4);
  int64_t big = sum > 50;
  uint8_t rem = REM(uint8_t, (uint8_t)(a - b), 7);
  printf("u8 %u %u %ld %u\n", avg, sh, big, rem);
  return (int64_t)avg + (int64_t)sh + big + (int64_t)rem;
}

static int64_t i16s(int16_t a, int16_t b) {
  int16_t sum = (int16_t)(a + b);
  int16_t avg = DIV(int16_t, sum, 2);
  int16_t sh = TOY_SHR_S(int16_t, 16, (int16_t)(a * b), 4);
  int64_t neg = sum < 0;
  printf("i16 %d %d %ld\n", avg, sh, neg);
  return (int64_t)avg + (int64_t)sh + neg;
}

static int64_t u16s(uint16_t a, uint16_t b) {
  uint16_t sum = (uint16_t)(a + b);
  uint16_t avg = DIV(uint16_t, sum, 2);
  uint16_t sh = TOY_SHR_U(uint16_t, 16, (uint16_t)(a * b), 4);
  int64_t eq = sum == 4464;
  printf("u16 %u %u %ld\n", avg, sh, eq);
  return (int64_t)avg + (int64_t)sh + eq;
}

static int64_t i32s(int32_t a, int32_t b) {
  int32_t sum = a + b;
  int32_t avg = DIV(int32_t, sum, 2);
  int32_t sh = TOY_SHR_S(int32_t, 32, a * b, 4);
  int64_t neg = sum < 0;
  printf("i32 %d %d %ld\n", avg, sh, neg);
  return (int64_t)avg + (int64_t)sh + neg;
}

static int64_t u32s(uint32_t a, uint32_t b) {
  uint32_t sum = a + b;
  uint32_t avg = sum / 2;
  uint32_t sh = TOY_SHR_U(uint32_t, 32, a * b, 4);
  int64_t small = sum < 100;
  printf("u32 %u %u %ld\n", avg, sh, small);
  return (int64_t)avg + (int64_t)sh + small;
}

int main(void) {
  int64_t s = i8s(100, 100);
  s += u8s(200, 100);
  s += i16s(30000, 10000);
  s += u16s(60000, 10000);
  s += i32s(2000000000, 2000000000);
  s += u32s(4000000000u, 300000000u);
  printf("s=%ld\n", s);
  return (int32_t)(s % 256);
}
