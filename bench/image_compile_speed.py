#!/usr/bin/env python3
"""Compile to a loadable image, debug info on: `tide build -c` on the
~100,000-line program of shared/bench/gen_lines.py against `tcc -c` on its C
twin (target ratio <= 1.0), with `gcc -O0 -g -c` and `clang -O0 -g -c` beside
it. All measured in this run. tide and tcc run in turn, 15 rounds (the
machine is shared and its speed drifts: medians of 3 separate runs gave
ratios from 1.2 to 2.7 within minutes); gcc and clang, which take seconds,
3 runs. Wall clock (the ratio) and CPU time (user + system, every thread:
tide build overlaps code generation with the front end on a second thread
for large inputs).

    python3 bench/image_compile_speed.py [--rounds N]
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (SHARED_BENCH, have, run, table, tide_binary, timed_alternating,  # noqa: E402
                      timed_cpu)


def main():
    rounds = 15
    if len(sys.argv) == 3 and sys.argv[1] == "--rounds":
        rounds = max(1, int(sys.argv[2]))
    tide = tide_binary()
    with tempfile.TemporaryDirectory() as tmp:
        gen = run([sys.executable, os.path.join(SHARED_BENCH, "gen_lines.py"), "5000", "--out", tmp])
        if gen.returncode != 0:
            sys.exit("gen_lines.py failed: " + gen.stderr.decode())
        toy = os.path.join(tmp, "lines_5000.toy")
        c = os.path.join(tmp, "lines_5000.c")
        lines = sum(1 for _ in open(toy))
        obj = os.path.join(tmp, "out.o")
        paired = {}
        if have("tcc"):
            paired["tcc -c"] = ["tcc", "-c", c, "-o", obj + ".tcc"]
        paired["tide build -c"] = [tide, "build", "-c", toy, "-o", obj + ".tide"]
        slow = [("gcc -O0 -g -c", ["gcc", "-O0", "-g", "-c", c, "-o", obj])]
        if have("clang"):
            slow.append(("clang -O0 -g -c", ["clang", "-O0", "-g", "-c", c, "-o", obj]))
        results = {}
        for name, (median, fastest, cpu, proc) in timed_alternating(paired, rounds).items():
            results[name] = (median, fastest, cpu, proc, f"median of {rounds}, in turn")
        for name, cmd in slow:
            median, cpu, proc = timed_cpu(cmd)
            results[name] = (median, None, cpu, proc, "median of 3")
        rows = []
        for name in list(paired) + [name for name, _ in slow]:
            median, fastest, cpu, proc, how = results[name]
            ok = proc.returncode == 0
            rows.append([name, f"{median:.3f}s" if ok else "failed",
                         f"{fastest:.3f}s" if ok and fastest is not None else "",
                         f"{cpu:.3f}s" if ok else "",
                         f"{lines / median / 1e6:.2f}M lines/s" if ok else "", how])
        print(f"image compile speed, {lines} lines")
        table(["command", "wall", "fastest", "cpu", "throughput (wall)", "runs"], rows)
        if "tcc -c" in results and results["tide build -c"][3].returncode == 0:
            tide_median, tide_fastest, tide_cpu = results["tide build -c"][:3]
            tcc_median, tcc_fastest, tcc_cpu = results["tcc -c"][:3]
            print(f"ratio tide build -c / tcc -c = {tide_median / tcc_median:.2f} wall "
                  f"(medians; target <= 1.0), {tide_fastest / tcc_fastest:.2f} fastest runs, "
                  f"{tide_cpu / max(tcc_cpu, 1e-9):.2f} cpu")
        # The back end alone, in-process (tide-codegen-bench, built next to tide).
        in_process = os.path.join(os.path.dirname(tide), "tide-codegen-bench")
        if os.path.exists(in_process):
            proc = run([in_process, "--rounds", "5", toy])
            total = [line for line in proc.stdout.decode().splitlines() if "total" in line]
            if proc.returncode == 0 and total:
                print("back end alone (tide-codegen-bench, best of 5, CPU): " + total[0].split("total")[1].strip())


if __name__ == "__main__":
    main()
