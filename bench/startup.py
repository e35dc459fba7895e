#!/usr/bin/env python3
"""`tide run` of a hello-world, process start to exit, against the same
program built AOT by `tide build` (target: ratio <= 2).

Reports the median wall time of 40 alternating runs and the mean CPU time
(user + system of the child processes), which a loaded machine disturbs
much less than wall time. `tide run` returns at its host child's exit
report without reaping it (docs/runner.md), so that child's CPU time is not
in the CPU figure: compare wall times.

    python3 bench/startup.py [--against OTHER_TIDE]

--against also times `OTHER_TIDE run` (another build, e.g. the one before a
change) in the same alternation, so the two builds are compared under the
same load. Compare files made the same way: here the executable the linker
wrote started ~0.2 ms slower than a `cp` of itself (11 more page faults;
the page cache holds the two differently), so copy both."""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import run, tide_binary  # noqa: E402

HELLO = 'extern fn puts(s: *u8): i32;\nfn main(): i32 { puts("hello"); return 0; }\n'
RUNS = 40


def child_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(commands):
    """Runs the commands in turn RUNS times; per command the median wall time
    and the mean CPU time, in seconds."""
    wall = {name: [] for name in commands}
    cpu = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, cmd in commands.items():
            cpu_before = child_cpu_seconds()
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(child_cpu_seconds() - cpu_before)
    return ({name: statistics.median(v) for name, v in wall.items()},
            {name: statistics.mean(v) for name, v in cpu.items()})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", help="another tide executable to time in the same runs")
    args = parser.parse_args()
    tide = tide_binary()
    with tempfile.TemporaryDirectory() as tmp:
        toy = os.path.join(tmp, "hello.toy")
        exe = os.path.join(tmp, "hello")
        with open(toy, "w") as f:
            f.write(HELLO)
        if run([tide, "build", toy, "-o", exe]).returncode != 0:
            sys.exit("startup: tide build failed")
        if run([tide, "run", toy]).stdout != b"hello\n":
            sys.exit("startup: tide run printed the wrong output")
        commands = {"aot": [exe], "jit": [tide, "run", toy]}
        if args.against:
            commands["other"] = [args.against, "run", toy]
        wall, cpu = measure(commands)
        print(f"hello world: tide run {wall['jit'] * 1000:.2f} ms, AOT {wall['aot'] * 1000:.2f} ms, "
              f"wall ratio {wall['jit'] / wall['aot']:.2f} (target <= 2.0); "
              f"CPU {cpu['jit'] * 1000:.2f} ms vs {cpu['aot'] * 1000:.2f} ms, "
              f"ratio {cpu['jit'] / cpu['aot']:.2f}")
        if args.against:
            print(f"  {args.against} run: {wall['other'] * 1000:.2f} ms, wall ratio "
                  f"{wall['other'] / wall['aot']:.2f}; this build / that one: "
                  f"{wall['jit'] / wall['other']:.3f} wall, {cpu['jit'] / cpu['other']:.3f} CPU")


if __name__ == "__main__":
    main()
