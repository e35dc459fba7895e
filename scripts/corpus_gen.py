# Generator for the parametric families of the Tide run-case corpus
# (int_*, conv_*, intrinsic_bits_*, fault_*): writes NAME.toy into cases/, NAME.c into
# twins/ and NAME.backtrace for faults. The sidecars come from corpus_twins.py --write.
import os
ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "corpus")
CASES = ROOT + "/cases"; TWINS = ROOT + "/twins"

class T:
    def __init__(s, name, w, signed):
        s.name, s.w, s.signed = name, w, signed
        s.c = ("int%d_t" if signed else "uint%d_t") % w
        s.min = -(1 << (w - 1)) if signed else 0
        s.max = (1 << (w - 1)) - 1 if signed else (1 << w) - 1
        s.high = s.min if signed else 1 << (w - 1)
        if w == 64: s.fmt = "%ld" if signed else "%lu"
        else: s.fmt = "%d" if signed else "%u"
    def clit(s, v):
        # a C constant of this type with value v
        if s.w == 64 and s.signed and v == s.min: return "INT64_MIN"
        if s.w == 32 and s.signed and v == s.min: return "INT32_MIN"
        suf = "" if s.w < 32 else ("ll" if s.signed else "ull") if s.w == 64 else ("" if s.signed else "u")
        return "(%s)%d%s" % (s.c, v, suf)

TYPES = [T("i8", 8, 1), T("i16", 16, 1), T("i32", 32, 1), T("i64", 64, 1),
         T("u8", 8, 0), T("u16", 16, 0), T("u32", 32, 0), T("u64", 64, 0)]
BYNAME = {t.name: t for t in TYPES}

def pattern(t):
    v = int(("5A" * 8)[: t.w // 4], 16)
    if t.signed and v > t.max: v -= 1 << t.w
    return v

def emit(name, toy, c, backtrace=None):
    open(f"{CASES}/{name}.toy", "w").write(toy.lstrip("\n"))
    open(f"{TWINS}/{name}.c", "w").write(c.lstrip("\n"))
    if backtrace:
        open(f"{CASES}/{name}.backtrace", "w").write("\n".join(backtrace) + "\n")

def show_fns(t):
    toy = f"""var checksum: u64 = 0;

fn show(label: *u8, v: {t.name}) {{
    printf("%s={t.fmt}\\n", label, v);
    checksum = checksum * 31 + (v as u64);
}}
"""
    c = f"""static uint64_t checksum = 0;

static void show(const char *label, {t.c} v) {{
  printf("%s={t.fmt}\\n", label, v);
  checksum = checksum * 31 + (uint64_t)v;
}}
"""
    return toy, c

def toylist(vals): return ", ".join(str(v) for v in vals)
def clist(t, vals): return ", ".join(t.clit(v) for v in vals)

def gen_wrap(t):
    n, ct = t.name, t.c
    stoy, sc = show_fns(t)
    exprs = ["max + 1", "min - 1", "max * 2", "max * max", "min * min", "min + min",
             "max - min", "min - max", "-min", "-max", "-one"]
    toy = f"""
// {n} wrapping: + - * and unary - wrap (two's complement) at the type's edges,
// directly, through noinline calls and through compound assignment (spec 7).
extern fn printf(fmt: *u8, ...): i32;

fn @[.noinline] add(a: {n}, b: {n}): {n} {{ return a + b; }}
fn @[.noinline] sub(a: {n}, b: {n}): {n} {{ return a - b; }}
fn @[.noinline] mul(a: {n}, b: {n}): {n} {{ return a * b; }}
fn @[.noinline] neg(a: {n}): {n} {{ return -a; }}

{stoy}
fn main(): i32 {{
    let max: {n} = {t.max};
    let min: {n} = {t.min};
    let one: {n} = 1;
""" + "".join(f'    show("{e}", {e});\n' for e in exprs) + f"""    show("add", add(max, one));
    show("sub", sub(min, one));
    show("mul", mul(max, max));
    show("neg", neg(min));
    show("neg1", neg(one));
    var c = max;
    c += 1;
    show("c+=1", c);
    c -= 1;
    show("c-=1", c);
    c *= 3;
    show("c*=3", c);
    c = -c;
    show("c=-c", c);
    return (checksum % 256) as i32;
}}
"""
    cexprs = "".join(f'  show("{e}", ({ct})({e}));\n' for e in exprs)
    c = f"""
/* twin of int_{n}_wrap */
#include "toy_rt.h"

static {ct} add({ct} a, {ct} b) {{ return ({ct})(a + b); }}
static {ct} sub({ct} a, {ct} b) {{ return ({ct})(a - b); }}
static {ct} mul({ct} a, {ct} b) {{ return ({ct})(a * b); }}
static {ct} neg({ct} a) {{ return ({ct})(-a); }}

{sc}
int main(void) {{
  {ct} max = {t.clit(t.max)};
  {ct} min = {t.clit(t.min)};
  {ct} one = 1;
{cexprs}  show("add", add(max, one));
  show("sub", sub(min, one));
  show("mul", mul(max, max));
  show("neg", neg(min));
  show("neg1", neg(one));
  {ct} c = max;
  c = ({ct})(c + 1);
  show("c+=1", c);
  c = ({ct})(c - 1);
  show("c-=1", c);
  c = ({ct})(c * 3);
  show("c*=3", c);
  c = ({ct})(-c);
  show("c=-c", c);
  return (int32_t)(checksum % 256);
}}
"""
    emit(f"int_{n}_wrap", toy, c)

def gen_shift(t):
    n, ct, w = t.name, t.c, t.w
    stoy, sc = show_fns(t)
    counts = [0, 1, w - 1, w, w + 1, 2 * w + 3, -1, -(w - 1)]
    xs = [t.high, -3 if t.signed else t.max, 5]
    shr = "TOY_SHR_S" if t.signed else "TOY_SHR_U"
    kind = "arithmetic" if t.signed else "logical"
    toy = f"""
// {n} shifts: counts are taken modulo {w} (>= width and negative counts included),
// any integer type may be the count, >> is {kind}; <<= and >>= too (spec 7).
extern fn printf(fmt: *u8, ...): i32;

{stoy}
fn main(): i32 {{
    let counts = [8]i64 {{ {toylist(counts)} }};
    let xs = [3]{n} {{ {toylist(xs)} }};
    for i in 0..3 {{
        for k in 0..8 {{
            let x = xs[i];
            let c = counts[k];
            show("shl", x << c);
            show("shr", x >> c);
        }}
    }}
    let c8: u8 = {w + 2};
    let c32: i32 = -2;
    let cu64: u64 = {3 * w + 1};
    let x = xs[0];
    show("shl_u8", x << c8);
    show("shr_u8", x >> c8);
    show("shl_i32", xs[2] << c32);
    show("shr_i32", x >> c32);
    show("shr_u64", x >> cu64);
    show("lit", x >> {w + 1});
    show("lit2", xs[2] << {w - 2});
    var v = x;
    v >>= 1;
    show("v>>=1", v);
    v <<= c8;
    show("v<<=c8", v);
    v >>= c32;
    show("v>>=c32", v);
    return (checksum % 256) as i32;
}}
"""
    c = f"""
/* twin of int_{n}_shift */
#include "toy_rt.h"

{sc}
int main(void) {{
  int64_t counts[8] = {{ {", ".join(str(v) + "ll" for v in counts)} }};
  {ct} xs[3] = {{ {clist(t, xs)} }};
  for (int i = 0; i < 3; i++) {{
    for (int k = 0; k < 8; k++) {{
      {ct} x = xs[i];
      int64_t c = counts[k];
      show("shl", TOY_SHL({ct}, {w}, x, c));
      show("shr", {shr}({ct}, {w}, x, c));
    }}
  }}
  uint8_t c8 = {w + 2};
  int32_t c32 = -2;
  uint64_t cu64 = {3 * w + 1};
  {ct} x = xs[0];
  show("shl_u8", TOY_SHL({ct}, {w}, x, c8));
  show("shr_u8", {shr}({ct}, {w}, x, c8));
  show("shl_i32", TOY_SHL({ct}, {w}, xs[2], (int64_t)c32));
  show("shr_i32", {shr}({ct}, {w}, x, (int64_t)c32));
  show("shr_u64", {shr}({ct}, {w}, x, cu64));
  show("lit", {shr}({ct}, {w}, x, {w + 1}));
  show("lit2", TOY_SHL({ct}, {w}, xs[2], {w - 2}));
  {ct} v = x;
  v = {shr}({ct}, {w}, v, 1);
  show("v>>=1", v);
  v = TOY_SHL({ct}, {w}, v, c8);
  show("v<<=c8", v);
  v = {shr}({ct}, {w}, v, (int64_t)c32);
  show("v>>=c32", v);
  return (int32_t)(checksum % 256);
}}
"""
    emit(f"int_{n}_shift", toy, c)

def gen_divrem(t):
    n, ct = t.name, t.c
    stoy, sc = show_fns(t)
    if t.signed:
        pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (t.min, 1), (t.min, 2), (t.min, t.max),
                 (t.max, t.min), (t.max, -1), (0, -5), (t.min + 1, -1), (5, 7), (-5, 7), (t.min, -2)]
    else:
        pairs = [(7, 2), (t.max, 2), (t.max, t.max), (0, 3), (t.max, 10), (t.max - 1, t.max),
                 (t.high, 3), (5, 7), (t.max, 1), (t.high, t.high - 1)]
    k = len(pairs)
    toy = f"""
// {n} division and remainder truncate toward zero, at the edges that do not trap;
// /= and %= too (spec 7).
extern fn printf(fmt: *u8, ...): i32;

{stoy}
fn main(): i32 {{
    let a = [{k}]{n} {{ {toylist(p[0] for p in pairs)} }};
    let b = [{k}]{n} {{ {toylist(p[1] for p in pairs)} }};
    for i in 0..{k} {{
        show("div", a[i] / b[i]);
        show("rem", a[i] % b[i]);
    }}
    var c: {n} = {t.max};
    c /= 3;
    show("c/=3", c);
    c %= 7;
    show("c%=7", c);
    return (checksum % 256) as i32;
}}
"""
    c = f"""
/* twin of int_{n}_divrem */
#include "toy_rt.h"

{sc}
int main(void) {{
  {ct} a[{k}] = {{ {clist(t, [p[0] for p in pairs])} }};
  {ct} b[{k}] = {{ {clist(t, [p[1] for p in pairs])} }};
  for (int i = 0; i < {k}; i++) {{
    show("div", DIV({ct}, a[i], b[i]));
    show("rem", REM({ct}, a[i], b[i]));
  }}
  {ct} c = {t.clit(t.max)};
  c = DIV({ct}, c, 3);
  show("c/=3", c);
  c = REM({ct}, c, 7);
  show("c%=7", c);
  return (int32_t)(checksum % 256);
}}
"""
    emit(f"int_{n}_divrem", toy, c)

def gen_cmpbit(t):
    n, ct = t.name, t.c
    vals = [t.min, -1, 0, 1, t.max] if t.signed else [0, 1, t.high, t.max - 1, t.max]
    k = len(vals)
    toy = f"""
// {n} comparisons (signedness matters at the edges), bool as integer, and & | ^ ~
// over every pair of edge values.
extern fn printf(fmt: *u8, ...): i32;

fn main(): i32 {{
    let v = [{k}]{n} {{ {toylist(vals)} }};
    var checksum: u64 = 0;
    for i in 0..{k} {{
        for j in 0..{k} {{
            let a = v[i];
            let b = v[j];
            let mask = (a < b) as u64 | (a <= b) as u64 << 1 | (a > b) as u64 << 2
                | (a >= b) as u64 << 3 | (a == b) as u64 << 4 | (a != b) as u64 << 5;
            printf("%lu {t.fmt} {t.fmt} {t.fmt} {t.fmt}\\n", mask, a & b, a | b, a ^ b, ~a);
            checksum = checksum * 7 + mask + ((a ^ b) as u64);
        }}
    }}
    return (checksum % 256) as i32;
}}
"""
    c = f"""
/* twin of int_{n}_cmpbit */
#include "toy_rt.h"

int main(void) {{
  {ct} v[{k}] = {{ {clist(t, vals)} }};
  uint64_t checksum = 0;
  for (int i = 0; i < {k}; i++) {{
    for (int j = 0; j < {k}; j++) {{
      {ct} a = v[i];
      {ct} b = v[j];
      uint64_t mask = (uint64_t)(a < b) | ((uint64_t)(a <= b) << 1) | ((uint64_t)(a > b) << 2) |
                      ((uint64_t)(a >= b) << 3) | ((uint64_t)(a == b) << 4) | ((uint64_t)(a != b) << 5);
      printf("%lu {t.fmt} {t.fmt} {t.fmt} {t.fmt}\\n", mask, ({ct})(a & b), ({ct})(a | b), ({ct})(a ^ b), ({ct})~a);
      checksum = checksum * 7 + mask + (uint64_t)({ct})(a ^ b);
    }}
  }}
  return (int32_t)(checksum % 256);
}}
"""
    emit(f"int_{n}_cmpbit", toy, c)

def gen_conv_int(s):
    n, ct = s.name, s.c
    vals = ([s.min, s.min + 1, -1, 0, 1, s.max, pattern(s)] if s.signed
            else [0, 1, s.high, s.max - 1, s.max, pattern(s)])
    k = len(vals)
    fmts = " ".join(t.fmt for t in TYPES)
    toy_args = ", ".join(f"v as {t.name}" for t in TYPES)
    c_args = ", ".join(f"({t.c})v" for t in TYPES)
    toy_sum = " + ".join(f"(v as {t.name}) as u64" for t in TYPES)
    c_sum = " + ".join(f"(uint64_t)({t.c})v" for t in TYPES)
    toy = f"""
// {n} to every integer type with `as`: truncation, and sign- or zero-extension by the
// source type (spec 6); the results also pass through printf's default promotions.
extern fn printf(fmt: *u8, ...): i32;

fn main(): i32 {{
    let vals = [{k}]{n} {{ {toylist(vals)} }};
    var checksum: u64 = 0;
    for i in 0..{k} {{
        let v = vals[i];
        printf("{fmts}\\n", {toy_args});
        checksum = checksum * 3 + {toy_sum};
    }}
    return (checksum % 256) as i32;
}}
"""
    c = f"""
/* twin of conv_{n}_to_int */
#include "toy_rt.h"

int main(void) {{
  {ct} vals[{k}] = {{ {clist(s, vals)} }};
  uint64_t checksum = 0;
  for (int i = 0; i < {k}; i++) {{
    {ct} v = vals[i];
    printf("{fmts}\\n", {c_args});
    checksum = checksum * 3 + {c_sum};
  }}
  return (int32_t)(checksum % 256);
}}
"""
    emit(f"conv_{n}_to_int", toy, c)

F2I_VALS = {
    "i8": ["0.0", "-0.0", "0.5", "-0.5", "1.99", "-1.99", "127.9", "-128.9", "100.0"],
    "i16": ["0.0", "-0.0", "-0.99", "32767.99", "-32768.99", "12345.678", "-2.5"],
    "i32": ["0.0", "-0.5", "2147483647.9", "-2147483648.9", "1e9", "-123456.789", "3.999999"],
    "i64": ["0.0", "-0.0", "9223372036854774784.0", "-9223372036854775808.0", "1e18", "-4.5e15", "-1.5"],
    "u8": ["0.0", "-0.0", "-0.5", "-0.999", "255.99", "128.5", "1.0"],
    "u16": ["0.0", "-0.75", "65535.9", "32768.0", "1e4", "0.999"],
    "u32": ["0.0", "-0.9", "4294967295.5", "2147483648.0", "3e9", "7.7"],
    "u64": ["0.0", "-0.5", "18446744073709549568.0", "9223372036854775808.0", "1.2e19", "42.42"],
}

def gen_f2i(t):
    n, ct = t.name, t.c
    vals = F2I_VALS[n]
    k = len(vals)
    toy = f"""
// f64 to {n} truncates toward zero; values just inside the range, -0.0 and small
// negative fractions (which truncate to 0) do not trap (spec 6).
extern fn printf(fmt: *u8, ...): i32;

fn @[.noinline] conv(x: f64): {n} {{ return x as {n}; }}

fn main(): i32 {{
    let xs = [{k}]f64 {{ {", ".join(vals)} }};
    var checksum: u64 = 0;
    for i in 0..{k} {{
        let direct = xs[i] as {n};
        let called = conv(xs[i]);
        printf("{t.fmt} {t.fmt}\\n", direct, called);
        checksum = checksum * 5 + (direct as u64) + (called as u64);
    }}
    return (checksum % 256) as i32;
}}
"""
    c = f"""
/* twin of conv_f64_to_{n} */
#include "toy_rt.h"

static {ct} conv(double x) {{ return F2I({ct}, x); }}

int main(void) {{
  double xs[{k}] = {{ {", ".join(vals)} }};
  uint64_t checksum = 0;
  for (int i = 0; i < {k}; i++) {{
    {ct} direct = F2I({ct}, xs[i]);
    {ct} called = conv(xs[i]);
    printf("{t.fmt} {t.fmt}\\n", direct, called);
    checksum = checksum * 5 + (uint64_t)direct + (uint64_t)called;
  }}
  return (int32_t)(checksum % 256);
}}
"""
    emit(f"conv_f64_to_{n}", toy, c)

def gen_i2f(t):
    n, ct = t.name, t.c
    vals = ([t.min, t.min + 1, -1, 0, 1, t.max - 1, t.max, pattern(t)] if t.signed
            else [0, 1, t.high, t.high + 1, t.max - 1, t.max, pattern(t)])
    k = len(vals)
    toy = f"""
// {n} to f64 with `as`: exact where it fits, round to nearest where it does not
// (spec 6); printed with %.17g.
extern fn printf(fmt: *u8, ...): i32;

fn main(): i32 {{
    let vals = [{k}]{n} {{ {toylist(vals)} }};
    var sum: f64 = 0.0;
    for i in 0..{k} {{
        let f = vals[i] as f64;
        printf("%.17g\\n", f);
        sum = sum * 0.5 + f;
    }}
    printf("sum=%.17g\\n", sum);
    return (sum > 0.0) as i32 + 2 * (sum < 0.0) as i32;
}}
"""
    c = f"""
/* twin of conv_{n}_to_f64 */
#include "toy_rt.h"

int main(void) {{
  {ct} vals[{k}] = {{ {clist(t, vals)} }};
  double sum = 0.0;
  for (int i = 0; i < {k}; i++) {{
    double f = (double)vals[i];
    printf("%.17g\\n", f);
    sum = sum * 0.5 + f;
  }}
  printf("sum=%.17g\\n", sum);
  return (int32_t)(sum > 0.0) + 2 * (int32_t)(sum < 0.0);
}}
"""
    emit(f"conv_{n}_to_f64", toy, c)

def gen_bits(t):
    n, ct = t.name, t.c
    vals = ([0, 1, -1, t.min, t.max, pattern(t), 6] if t.signed
            else [0, 1, t.high, t.max, pattern(t), 6, 1 << (t.w // 2)])
    k = len(vals)
    toy = f"""
// @popcount, @clz and @ctz on {n}: results have type {n}; @clz(0) and @ctz(0) are
// {t.w} (spec 8).
extern fn printf(fmt: *u8, ...): i32;

fn main(): i32 {{
    let vals = [{k}]{n} {{ {toylist(vals)} }};
    var checksum: u64 = 0;
    for i in 0..{k} {{
        let v = vals[i];
        let p: {n} = @popcount(v);
        let l: {n} = @clz(v);
        let t: {n} = @ctz(v);
        printf("{t.fmt} {t.fmt} {t.fmt}\\n", p, l, t);
        checksum = checksum * 67 + (p as u64) * 4 + (l as u64) * 2 + (t as u64);
    }}
    return (checksum % 256) as i32;
}}
"""
    c = f"""
/* twin of intrinsic_bits_{n} */
#include "toy_rt.h"

int main(void) {{
  {ct} vals[{k}] = {{ {clist(t, vals)} }};
  uint64_t checksum = 0;
  for (int i = 0; i < {k}; i++) {{
    {ct} v = vals[i];
    {ct} p = POPCOUNT({ct}, v);
    {ct} l = CLZ({ct}, v);
    {ct} t = CTZ({ct}, v);
    printf("{t.fmt} {t.fmt} {t.fmt}\\n", p, l, t);
    checksum = checksum * 67 + (uint64_t)p * 4 + (uint64_t)l * 2 + (uint64_t)t;
  }}
  return (int32_t)(checksum % 256);
}}
"""
    emit(f"intrinsic_bits_{n}", toy, c)

# ---- faults: a leaf body (Toy, C) run at a call depth; n is the leaf's i64 parameter
# (always >= 1 at run time), so no fault is visible to a constant folder.
CHAIN = {0: [], 1: ["bt_leaf"], 2: ["bt_leaf", "bt_root"], 3: ["bt_leaf", "bt_mid", "bt_root"],
         4: ["bt_leaf", "bt_mid2", "bt_mid1", "bt_root"],
         5: ["bt_leaf", "bt_mid3", "bt_mid2", "bt_mid1", "bt_root"]}

def gen_fault(name, what, depth, leaf_toy, leaf_c, extra_toy="", extra_c="", printed=True):
    chain = CHAIN[depth]
    toy_fns, c_fns = [], []
    if depth == 0:
        leaf_name = None
    for idx, fname in enumerate(chain):
        if idx == 0:
            toy_fns.append(f"fn @[.noinline] {fname}(n: i64): i64 {{\n{leaf_toy}}}\n")
            c_fns.append(f"static int64_t {fname}(int64_t n) {{\n{leaf_c}}}\n")
        else:
            child = chain[idx - 1]
            toy_fns.append(f"fn @[.noinline] {fname}(n: i64): i64 {{\n    let r = {child}(n + 1);\n    return r + 1;\n}}\n")
            c_fns.append(f"static int64_t {fname}(int64_t n) {{\n  int64_t r = {child}(n + 1);\n  return r + 1;\n}}\n")
    if depth == 0:
        toy_main = f"""fn main(argc: i32, argv: **u8): i32 {{
    printf("before the fault\\n");
    fflush(null);
    let n = argc as i64;
{leaf_toy.replace("return ", "let result = ").replace("    let result = n;", "    let result = n;")}    printf("not reached %ld\\n", result);
    return 1;
}}
"""
        c_main = f"""int main(int argc, char **argv) {{
  printf("before the fault\\n");
  fflush(NULL);
  int64_t n = (int64_t)argc;
{leaf_c.replace("return ", "int64_t result = ")}  printf("not reached %ld\\n", result);
  return 1;
}}
"""
    else:
        root = chain[-1]
        toy_main = f"""fn main(argc: i32, argv: **u8): i32 {{
    printf("before the fault\\n");
    fflush(null);
    let r = {root}(argc as i64);
    printf("not reached %ld\\n", r);
    return 1;
}}
"""
        c_main = f"""int main(int argc, char **argv) {{
  printf("before the fault\\n");
  fflush(NULL);
  int64_t r = {root}((int64_t)argc);
  printf("not reached %ld\\n", r);
  return 1;
}}
"""
    depth_text = "in main" if depth == 0 else f"{depth} call(s) below main"
    toy = f"""// {what}, {depth_text}; stdout is flushed first, so only the first line shows.
extern fn printf(fmt: *u8, ...): i32;
extern fn fflush(stream: *u8): i32;
{extra_toy}
{chr(10).join(toy_fns)}
{toy_main}"""
    c = f"""/* twin of {name} */
#include "toy_rt.h"
{extra_c}
{chr(10).join(c_fns)}
{c_main}"""
    emit(name, toy, c, chain + ["main"])

def fault_families():
    trap = ("    if n > 0 {\n        @trap();\n    }\n    return n;\n",
            "  if (n > 0) {\n    TOY_TRAP();\n  }\n  return n;\n")
    for d in (0, 1, 3, 5):
        gen_fault(f"fault_trap_depth{d}", "@trap() stops with SIGILL (132)", d, *trap)
    asrt = ("    @assert(n < 0);\n    return n;\n", "  TOY_ASSERT(n < 0);\n  return n;\n")
    for d in (0, 2, 4):
        gen_fault(f"fault_assert_depth{d}", "a failed @assert traps with SIGILL (132)", d, *asrt)
    bounds = ("    let a = [4]i64 { 10, 20, 30, 40 };\n    return a[n + 3];\n",
              "  int64_t a[4] = { 10, 20, 30, 40 };\n  return AT(a, n + 3);\n")
    for d in (0, 1, 3):
        gen_fault(f"fault_bounds_depth{d}", "an array index past the end traps (132)", d, *bounds)
    neg = ("    var a: [8]u8;\n    let i = 1 - n - n;\n    return a[i] as i64;\n",
           "  uint8_t a[8] = {0};\n  int64_t i = 1 - n - n;\n  return (int64_t)AT(a, i);\n")
    gen_fault("fault_bounds_negative", "a negative array index is out of range (132)", 2, *neg)
    big = ("    var a: [3]i32;\n    let i = (n as u64) << 63;\n    return a[i] as i64;\n",
           "  int32_t a[3] = {0};\n  uint64_t i = (uint64_t)n << 63;\n  return (int64_t)AT(a, i);\n")
    gen_fault("fault_bounds_huge_u64", "a u64 index above 2^63 is out of range (132)", 1, *big)
    zero = ("    var a: [0]i64;\n    return a[n - n];\n", "  int64_t a[0];\n  return AT(a, n - n);\n")
    gen_fault("fault_bounds_zero_length", "every index of a [0]T array traps (132)", 1, *zero)
    pa = ("    var m: [2][3]i64;\n    let p = &m;\n    return p.*[1][n + 2];\n",
          "  int64_t m[2][3] = {{0}};\n  return AT(m[1], n + 2);\n")
    gen_fault("fault_bounds_inner_array", "the inner index of a nested array is checked too (132)", 2, *pa)
    # division by zero at several types
    for tn, d in (("i64", 0), ("i32", 1), ("i16", 3), ("i8", 2), ("u64", 1), ("u32", 0), ("u16", 2), ("u8", 1)):
        t = BYNAME[tn]
        leaf = (f"    let a: {tn} = 100;\n    let z = (n - n) as {tn};\n    return (a / z) as i64;\n",
                f"  {t.c} a = 100;\n  {t.c} z = ({t.c})(n - n);\n  return (int64_t)DIV({t.c}, a, z);\n")
        gen_fault(f"fault_div_zero_{tn}", f"{tn} division by zero traps with SIGFPE (136)", d, *leaf)
    for tn, d in (("i64", 1), ("i32", 0), ("u8", 2), ("i8", 0)):
        t = BYNAME[tn]
        leaf = (f"    let a: {tn} = 7;\n    let z = (n - n) as {tn};\n    return (a % z) as i64;\n",
                f"  {t.c} a = 7;\n  {t.c} z = ({t.c})(n - n);\n  return (int64_t)REM({t.c}, a, z);\n")
        gen_fault(f"fault_rem_zero_{tn}", f"{tn} x % 0 traps like x / 0 (136)", d, *leaf)
    for tn, d in (("i64", 1), ("i32", 2), ("i16", 0), ("i8", 3)):
        t = BYNAME[tn]
        for op, opname, mac in (("/", "div", "DIV"), ("%", "rem", "REM")):
            leaf = (f"    let m: {tn} = {t.min};\n    let d = (n - n - 1) as {tn};\n    return (m {op} d) as i64;\n",
                    f"  {t.c} m = {t.clit(t.min)};\n  {t.c} d = ({t.c})(n - n - 1);\n  return (int64_t){mac}({t.c}, m, d);\n")
            gen_fault(f"fault_{opname}_min_{tn}", f"{tn} MIN {op} -1 traps with SIGFPE (136)", d, *leaf)
    cdiv = ("    var x: i64 = 5;\n    x /= n - n;\n    return x;\n",
            "  int64_t x = 5;\n  x = DIV(int64_t, x, n - n);\n  return x;\n")
    gen_fault("fault_div_assign_zero", "x /= 0 traps with SIGFPE (136)", 1, *cdiv)
    null = ("    let p = ((n - n) as u64) as *i64;\n    return p.*;\n",
            "  int64_t *volatile p = (int64_t *)(uint64_t)(n - n);\n  return *p;\n")
    for d in (0, 2):
        gen_fault(f"fault_null_deref_depth{d}", "reading through a null pointer faults with SIGSEGV (139)", d, *null)
    nullw = ("    let p: *i32 = null;\n    p[n] = 1;\n    return n;\n",
             "  int32_t *volatile p = NULL;\n  p[n] = 1;\n  return n;\n")
    gen_fault("fault_null_store", "storing through null (plus a small index) faults (139)", 1, *nullw)
    nullf = ("    let p = ((n - n) as u64) as *Pair;\n    return p.b;\n",
             "  struct Pair *volatile p = (struct Pair *)(uint64_t)(n - n);\n  return p->b;\n")
    gen_fault("fault_null_field", "p.f through a null struct pointer faults (139)", 3, *nullf,
              "struct Pair { a: i64, b: i64 }\n", "struct Pair { int64_t a; int64_t b; };\n")
    wild = ("    let p = ((n * 16) as u64) as *i64;\n    return p.*;\n",
            "  int64_t *volatile p = (int64_t *)(uint64_t)(n * 16);\n  return *p;\n")
    gen_fault("fault_wild_low", "reading an unmapped low address faults (139)", 1, *wild)
    wild2 = ("    let p = (0x8000_0000_0000_0000 | (n as u64)) as *u8;\n    return p.* as i64;\n",
             "  uint8_t *volatile p = (uint8_t *)(0x8000000000000000ull | (uint64_t)n);\n  return (int64_t)*p;\n")
    gen_fault("fault_wild_noncanonical", "reading a non-canonical address faults (139)", 2, *wild2)
    bp = ("    @breakpoint();\n    return n;\n", "  TOY_BREAKPOINT();\n  return n;\n")
    for d in (0, 2):
        gen_fault(f"fault_breakpoint_depth{d}", "@breakpoint() without a debugger is SIGTRAP (133)", d, *bp)
    # float to int out of range / NaN
    f2i = [("u8", "255.0 + (n as f64)", 1), ("i8", "-129.0 * (n as f64)", 0), ("i16", "32768.0 * (n as f64)", 2),
           ("u16", "65536.0 * (n as f64)", 1), ("i32", "2147483648.0 * (n as f64)", 1),
           ("u32", "-1.0 * (n as f64)", 2), ("i64", "9223372036854775808.0 * (n as f64)", 1),
           ("u64", "18446744073709551616.0 * (n as f64)", 0), ("i32", "-2147483649.0 * (n as f64)", 3, "low")]
    for entry in f2i:
        tn, expr, d = entry[:3]
        suffix = entry[3] if len(entry) > 3 else "range"
        t = BYNAME[tn]
        cexpr = expr.replace("(n as f64)", "(double)n")
        leaf = (f"    let x = {expr};\n    return (x as {tn}) as i64;\n",
                f"  double x = {cexpr};\n  return (int64_t)F2I({t.c}, x);\n")
        gen_fault(f"fault_f2i_{tn}_{suffix}", f"f64 out of {tn}'s range traps (132)", d, *leaf)
    nan = [("i64", 1), ("u8", 0), ("i32", 2)]
    for tn, d in nan:
        t = BYNAME[tn]
        leaf = (f"    let z = (n - n) as f64;\n    let x = z / z;\n    return (x as {tn}) as i64;\n",
                f"  double z = (double)(n - n);\n  double x = z / z;\n  return (int64_t)F2I({t.c}, x);\n")
        gen_fault(f"fault_f2i_{tn}_nan", f"NaN converted to {tn} traps (132)", d, *leaf)
    inf = ("    let z = (n - n) as f64;\n    let x = -1.0 / z;\n    return x as i64;\n",
           "  double z = (double)(n - n);\n  double x = -1.0 / z;\n  return F2I(int64_t, x);\n")
    gen_fault("fault_f2i_i64_neg_inf", "-infinity converted to i64 traps (132)", 1, *inf)

for t in TYPES:
    gen_wrap(t); gen_shift(t); gen_divrem(t); gen_cmpbit(t)
    gen_conv_int(t); gen_f2i(t); gen_i2f(t); gen_bits(t)
fault_families()
