/* toy_rt.h: the Toy language rules spelled out in C, shared by every corpus twin.
 * A twin is compiled with gcc -std=gnu11 -fwrapv -O0 -lm, so + - * wrap; what gcc would
 * otherwise leave undefined or promote (shifts, narrow division, bounds, float->int,
 * traps) is written out here once, exactly as spec sections 6-8 define it. */
#ifndef TOY_RT_H
#define TOY_RT_H
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* @trap(): ud2, SIGILL (132). */
#define TOY_TRAP() __builtin_trap()
#define TOY_ASSERT(c)           \
  do {                          \
    if (!(c)) __builtin_trap(); \
  } while (0)
/* @breakpoint(): int3, SIGTRAP (133) without a debugger. */
#define TOY_BREAKPOINT() __asm__ volatile("int3")

/* Array indexing a[i]: any integer index, negative or >= N traps (SIGILL). */
static inline uint64_t toy_idx(int64_t i, uint64_t n) {
  if (i < 0 || (uint64_t)i >= n) __builtin_trap();
  return (uint64_t)i;
}
/* AT(arr, i): checked element of a real C array (never a pointer). An unsigned index
 * above INT64_MAX turns negative as int64_t, which is out of range too. The index is
 * evaluated once. */
#define AT(a, i) (a)[toy_idx((int64_t)(i), sizeof(a) / sizeof((a)[0]))]

/* Shifts: the count is taken modulo the width of the left operand (two's complement for
 * negative counts); >> is arithmetic on signed, logical on unsigned. Done in 64 bits and
 * truncated back, which is exact for every width. */
#define TOY_SHL(T, W, x, n) ((T)((uint64_t)(x) << ((uint64_t)(n) & ((W)-1))))
#define TOY_SHR_S(T, W, x, n) ((T)((int64_t)(x) >> ((uint64_t)(n) & ((W)-1))))
#define TOY_SHR_U(T, W, x, n) ((T)((uint64_t)(x) >> ((uint64_t)(n) & ((W)-1))))

/* Division and remainder. 32- and 64-bit operands go through a real idiv/div on volatile
 * operands so the CPU raises SIGFPE on x/0 and MIN/-1 (and MIN%-1). Narrower ones are
 * promoted to int by C, so their faults are forced by a real INT_MIN / -1. */
static inline void toy_fpe(void) {
  volatile int32_t a = INT32_MIN, b = -1;
  volatile int32_t r = a / b;
  (void)r;
}
#define TOY_DIV64(T)                      \
  static inline T toy_div_##T(T x, T y) { \
    volatile T a = x, b = y;              \
    return a / b;                         \
  }                                       \
  static inline T toy_rem_##T(T x, T y) { \
    volatile T a = x, b = y;              \
    return a % b;                         \
  }
TOY_DIV64(int64_t)
TOY_DIV64(uint64_t)
TOY_DIV64(int32_t)
TOY_DIV64(uint32_t)
#define TOY_DIVN(T, MIN)                                                 \
  static inline T toy_div_##T(T x, T y) {                                \
    if (y == 0 || ((T)MIN != 0 && x == (T)MIN && y == (T)-1)) toy_fpe(); \
    return (T)(x / y);                                                   \
  }                                                                      \
  static inline T toy_rem_##T(T x, T y) {                                \
    if (y == 0 || ((T)MIN != 0 && x == (T)MIN && y == (T)-1)) toy_fpe(); \
    return (T)(x % y);                                                   \
  }
TOY_DIVN(int8_t, INT8_MIN)
TOY_DIVN(int16_t, INT16_MIN)
TOY_DIVN(uint8_t, 0)
TOY_DIVN(uint16_t, 0)
#define DIV(T, x, y) toy_div_##T((x), (y))
#define REM(T, x, y) toy_rem_##T((x), (y))

/* f64 -> integer: truncate toward zero, then trap when NaN or out of range. */
#define TOY_F2I(T, LO, HI_EXCL)                                   \
  static inline T toy_f2_##T(double x) {                          \
    double t = trunc(x);                                          \
    if (isnan(t) || t < (LO) || t >= (HI_EXCL)) __builtin_trap(); \
    return (T)t;                                                  \
  }
TOY_F2I(int8_t, -128.0, 128.0)
TOY_F2I(int16_t, -32768.0, 32768.0)
TOY_F2I(int32_t, -2147483648.0, 2147483648.0)
TOY_F2I(int64_t, -9223372036854775808.0, 9223372036854775808.0)
TOY_F2I(uint8_t, 0.0, 256.0)
TOY_F2I(uint16_t, 0.0, 65536.0)
TOY_F2I(uint32_t, 0.0, 4294967296.0)
TOY_F2I(uint64_t, 0.0, 18446744073709551616.0)
#define F2I(T, x) toy_f2_##T(x)

/* @popcount/@clz/@ctz at width W (bits), value zero-extended to 64 bits first;
 * @clz(0) and @ctz(0) are W. */
static inline int toy_popcount(uint64_t v, int w) {
  return __builtin_popcountll(w == 64 ? v : (v & ((1ull << w) - 1)));
}
static inline int toy_clz(uint64_t v, int w) {
  if (w < 64) v &= (1ull << w) - 1;
  return v == 0 ? w : __builtin_clzll(v) - (64 - w);
}
static inline int toy_ctz(uint64_t v, int w) {
  if (w < 64) v &= (1ull << w) - 1;
  return v == 0 ? w : __builtin_ctzll(v);
}
#define POPCOUNT(T, x) ((T)toy_popcount((uint64_t)(x), 8 * (int)sizeof(T)))
#define CLZ(T, x) ((T)toy_clz((uint64_t)(x), 8 * (int)sizeof(T)))
#define CTZ(T, x) ((T)toy_ctz((uint64_t)(x), 8 * (int)sizeof(T)))

#endif
