#!/usr/bin/env python3
"""Run time of Tide's -O0 code on shared/bench/programs against their C twins.

For each program: `tide build` (AOT) and `tide run` (JIT) outputs must equal
the C twin's (and expected.txt) before any time is reported; a mismatch is a
correctness failure and gets no ratio. The C twins are built in the same run
with tcc and gcc -O0/-O1/-O2 (-fwrapv -lm). Reports the per-program ratio
tide / tcc and the geometric mean (target <= 1.0).
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import SHARED_BENCH, geomean, have, run, table, tide_binary, timed  # noqa: E402

PROGRAMS = ["fib", "sieve", "matmul", "nbody", "bintrees", "fannkuch", "crc32", "collatz",
            "strlen_scan", "struct_pass"]


def main():
    tide = tide_binary()
    builds = [("tcc", ["tcc"])] if have("tcc") else []
    builds += [("gcc-O0", ["gcc", "-O0", "-fwrapv"]), ("gcc-O2", ["gcc", "-O2", "-fwrapv"])]
    rows, ratios_aot, ratios_jit = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in PROGRAMS:
            toy = os.path.join(SHARED_BENCH, "programs", name + ".toy")
            c = os.path.join(SHARED_BENCH, "programs", name + ".c")
            times, reference = {}, None
            for build, cc in builds:
                exe = os.path.join(tmp, f"{name}.{build}")
                if run(cc + [c, "-o", exe, "-lm"]).returncode != 0:
                    continue
                seconds, proc = timed([exe])
                times[build] = seconds
                if reference is None:
                    reference = (proc.stdout, proc.returncode)
            exe = os.path.join(tmp, f"{name}.tide")
            built = run([tide, "build", toy, "-o", exe])
            row = [name]
            for label, cmd, ratios in (("aot", [exe], ratios_aot),
                                       ("jit", [tide, "run", toy], ratios_jit)):
                if label == "aot" and built.returncode != 0:
                    row.append("build failed")
                    continue
                seconds, proc = timed(cmd)
                if (proc.stdout, proc.returncode) != reference:
                    row.append("WRONG OUTPUT")
                    continue
                ratio = seconds / times["tcc"] if "tcc" in times else float("nan")
                ratios.append(ratio)
                row.append(f"{seconds:.3f}s ({ratio:.2f}x tcc)")
            row += [f"{times.get(b, float('nan')):.3f}s" for b, _ in builds]
            rows.append(row)
    table(["program", "tide aot -O0", "tide run -O0"] + [b for b, _ in builds], rows)
    print(f"geomean tide aot / tcc = {geomean(ratios_aot):.2f}  "
          f"tide run / tcc = {geomean(ratios_jit):.2f}  (target <= 1.0)")


if __name__ == "__main__":
    main()
