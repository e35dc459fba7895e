#!/usr/bin/env python3
"""Front-end compile speed: `tide check` (read + lex + parse + check; it makes
no IR) on the output of ../shared/bench/gen_lines.py, against `tcc -c` and
`gcc -O0 -c` on its C twin. Median of several runs, wall clock and CPU time
(the machine is shared, so CPU time is the steadier number).

`tide check` includes the start-up of the `tide` executable and no lowering,
so the whole front end (lowering to IR included: the target's figure) is
also timed in-process by tide-frontend-bench (bench/frontend_bench.cpp, next
to `tide`): lex+parse, check and lower to IR separately, the best of several
rounds, compileSources() in a fresh process, and the peak memory.

    python3 bench/frontend_speed.py --tide build/release/bin/tide [--n 5000] [--runs 3]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GEN_LINES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared", "bench", "gen_lines.py")


def timed(command):
    """Runs command; returns (wall seconds, child CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr.decode(errors='replace')[:2000]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(command, runs):
    samples = [timed(command) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tide", required=True, help="the tide executable")
    parser.add_argument("--n", type=int, default=5000, help="gen_lines.py function count")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, GEN_LINES, str(args.n), "--out", work, "--name", "lines"],
                       check=True, stdout=subprocess.DEVNULL)
        toy = os.path.join(work, "lines.toy")
        c = os.path.join(work, "lines.c")
        with open(toy) as f:
            lines = sum(1 for _ in f)
        rows = [("tide check", [args.tide, "check", toy])]  # no IR: see the docstring
        if shutil.which("tcc"):
            rows.append(("tcc -c", ["tcc", "-c", c, "-o", os.path.join(work, "t.o")]))
        rows.append(("gcc -O0 -c", ["gcc", "-O0", "-fwrapv", "-c", c, "-o", os.path.join(work, "g.o")]))
        results = {name: median_of(command, args.runs) for name, command in rows}
        print(f"{lines} lines of Toy (gen_lines.py {args.n})")
        for name, (wall, cpu) in results.items():
            print(f"  {name:12s} wall {wall:7.3f} s  cpu {cpu:7.3f} s  {lines / max(cpu, 1e-9):12,.0f} lines/s (cpu)")
        tide_cpu = results["tide check"][1]
        for name, (_, cpu) in results.items():
            if name != "tide check":
                print(f"  tide / {name}: {tide_cpu / cpu:.2f}x cpu time")
        in_process = os.path.join(os.path.dirname(os.path.abspath(args.tide)), "tide-frontend-bench")
        if os.path.exists(in_process):
            print("in-process (tide-frontend-bench, no executable start-up):")
            # One compile per process, as `tide check` does (page faults included) ...
            single = subprocess.run([in_process, "--rounds", "1", "--phases-only", toy],
                                    check=True, capture_output=True, text=True).stdout
            print("  single compile:")
            print("\n".join("  " + line for line in single.splitlines()[1:]))
            # ... and the best of five in one process (memory already mapped).
            best = subprocess.run([in_process, "--rounds", "5", toy],
                                  check=True, capture_output=True, text=True).stdout
            print("  best of 5 rounds (peak RSS: two compiles alive):")
            print("\n".join("  " + line for line in best.splitlines()[1:]))
            # The target (one core, >= 2,000,000 lines/s): the whole driver,
            # compileSources(), in the best of the five rounds.
            driver = next(l for l in best.splitlines() if l.strip().startswith("compileSources() "))
            driver_ms = float(driver.split()[1])
            print(f"  front end (compileSources, best of 5): {lines / (driver_ms / 1000):,.0f} "
                  f"lines/s (target >= 2,000,000)")
            # The same driver as the first and only compile of a fresh
            # process (as `tide check` runs it): the heap's pages are new,
            # and on a virtual machine each fault costs microseconds.
            fresh, faults = [], 0
            for _ in range(5):
                out = subprocess.run([in_process, "--rounds", "1", "--driver-only", toy],
                                     check=True, capture_output=True, text=True).stdout
                words = next(l for l in out.splitlines()
                             if l.strip().startswith("compileSources()")).split()
                fresh.append(float(words[1]))
                faults = int(words[5])
            fresh_ms = statistics.median(fresh)
            cost = subprocess.run([in_process, "--fault-cost"], check=True, capture_output=True,
                                  text=True).stdout.strip()
            print(f"  front end (compileSources, a fresh process each, median of 5): "
                  f"{fresh_ms:.1f} ms = {lines / (fresh_ms / 1000):,.0f} lines/s "
                  f"(fastest {min(fresh):.1f} ms; {faults} page faults; {cost})")
            if "tcc -c" in results:
                # The target was set on a machine where tcc -c does ~2.3M
                # lines/s (issue 3's own figure); machines here differ by
                # 2x from session to session, so the figure is also given
                # scaled by tcc's speed measured in this run.
                tcc_rate = lines / results["tcc -c"][1]
                scaled = lines / (driver_ms / 1000) * (2_300_000 / tcc_rate)
                print(f"  tcc -c here: {tcc_rate:,.0f} lines/s (cpu); the front end scaled to a "
                      f"machine where tcc -c does 2,300,000: {scaled:,.0f} lines/s")
                for label, text in (("single compile", single), ("best of 5", best)):
                    total = next(l for l in text.splitlines() if l.strip().startswith("total"))
                    seconds = float(total.split()[1]) / 1000
                    print(f"  in-process {label} / tcc -c: {seconds / results['tcc -c'][1]:.2f}x cpu time")


if __name__ == "__main__":
    main()
