#!/usr/bin/env python3
"""Compile to a loadable image, debug info on: `tide build -c` on the
~100,000-line program of shared/bench/gen_lines.py against `tcc -c` on its C
twin (target ratio <= 1.0), with `gcc -O0 -g -c` and `clang -O0 -g -c` beside
it. All measured in this run; median of 3 runs, wall clock (the ratio) and
CPU time (user + system, every thread: tide build overlaps code generation
with the front end on a second thread for large inputs)."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import SHARED_BENCH, have, run, table, tide_binary, timed_cpu  # noqa: E402


def main():
    tide = tide_binary()
    with tempfile.TemporaryDirectory() as tmp:
        gen = run([sys.executable, os.path.join(SHARED_BENCH, "gen_lines.py"), "5000", "--out", tmp])
        if gen.returncode != 0:
            sys.exit("gen_lines.py failed: " + gen.stderr.decode())
        toy = os.path.join(tmp, "lines_5000.toy")
        c = os.path.join(tmp, "lines_5000.c")
        lines = sum(1 for _ in open(toy))
        obj = os.path.join(tmp, "out.o")
        commands = []
        if have("tcc"):
            commands.append(("tcc -c", ["tcc", "-c", c, "-o", obj]))
        commands.append(("gcc -O0 -g -c", ["gcc", "-O0", "-g", "-c", c, "-o", obj]))
        if have("clang"):
            commands.append(("clang -O0 -g -c", ["clang", "-O0", "-g", "-c", c, "-o", obj]))
        commands.append(("tide build -c", [tide, "build", "-c", toy, "-o", obj]))
        seconds_by_name, cpu_by_name, rows = {}, {}, []
        for name, cmd in commands:
            seconds, cpu, proc = timed_cpu(cmd)
            ok = proc.returncode == 0
            if ok:
                seconds_by_name[name] = seconds
                cpu_by_name[name] = cpu
            rows.append([name, f"{seconds:.3f}s" if ok else "failed",
                         f"{cpu:.3f}s" if ok else "",
                         f"{lines / seconds / 1e6:.2f}M lines/s" if ok else ""])
        print(f"image compile speed, {lines} lines")
        table(["command", "wall (median of 3)", "cpu", "throughput (wall)"], rows)
        if "tcc -c" in seconds_by_name and "tide build -c" in seconds_by_name:
            ratio = seconds_by_name["tide build -c"] / seconds_by_name["tcc -c"]
            cpu_ratio = cpu_by_name["tide build -c"] / max(cpu_by_name["tcc -c"], 1e-9)
            print(f"ratio tide build -c / tcc -c = {ratio:.2f} wall (target <= 1.0), "
                  f"{cpu_ratio:.2f} cpu")
        # The back end alone, in-process (tide-codegen-bench, built next to tide).
        in_process = os.path.join(os.path.dirname(tide), "tide-codegen-bench")
        if os.path.exists(in_process):
            proc = run([in_process, "--rounds", "5", toy])
            total = [line for line in proc.stdout.decode().splitlines() if "total" in line]
            if proc.returncode == 0 and total:
                print("back end alone (tide-codegen-bench, best of 5, CPU): " + total[0].split("total")[1].strip())


if __name__ == "__main__":
    main()
