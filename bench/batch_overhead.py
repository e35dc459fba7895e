#!/usr/bin/env python3
"""Per-case overhead of `tide --batch` (docs/batch.md), and cases per second.

Generates N trivial cases (`fn main(): i32 { return 3; }`), runs them with
`tide --batch --lanes LANE -j1 --json` and reads the engine's own timings
from the JSON lines: execute_ms is spawn-to-exit of the isolated program (for
jit-O0: tide-runner loading the object and running main), stage_ms the
compile step. The target for jit-O0 is <= 2 ms per case for the drain step.

As a floor it also times tide-runner on an object built by `cc -c` (no Tide
compiler involved), spawned with posix_spawn from this script.

usage: bench/batch_overhead.py [--bin DIR] [-n N] [--lanes jit-O0,interp] [-j J]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def find_bin(explicit):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates = [explicit] if explicit else [
        os.path.join(root, "build", name, "bin") for name in ("release", "debug", "h-batch")]
    for directory in candidates:
        if directory and os.access(os.path.join(directory, "tide"), os.X_OK):
            return directory
    sys.exit("batch_overhead: no tide executable found (give --bin DIR)")


def make_corpus(directory, count):
    cases = os.path.join(directory, "cases")
    os.makedirs(cases)
    for i in range(count):
        stem = os.path.join(cases, f"trivial_{i:04d}")
        with open(stem + ".toy", "w") as f:
            f.write("fn main(): i32 { return 3; }\n")
        with open(stem + ".expected", "w") as f:
            f.write("3\n")


def bench_lane(tide, corpus, lane, jobs, scratch):
    report = os.path.join(scratch, f"{lane}.jsonl")
    start = time.monotonic()
    run = subprocess.run([tide, "--batch", corpus, "--lanes", lane, "-j", str(jobs), "--json", report],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - start
    results = []
    with open(report) as f:
        for line in f:
            obj = json.loads(line)
            if obj.get("type") == "result":
                results.append(obj)
    statuses = {}
    for r in results:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    if not results or statuses.get("skip", 0) == len(results):
        reason = results[0]["message"] if results else run.stdout.strip()
        print(f"{lane:8s} unavailable: {reason}")
        return
    executed = [r["execute_ms"] for r in results if r["execute_ms"] > 0]
    staged = [r["stage_ms"] for r in results if r["stage_ms"] > 0]
    line = f"{lane:8s} {len(results)} cases in {wall:.2f}s = {len(results) / wall:.0f} cases/s (-j{jobs})"
    if executed:
        line += f"; execute median {statistics.median(executed):.2f} ms, p90 {sorted(executed)[len(executed) * 9 // 10]:.2f} ms"
    if staged:
        line += f"; stage median {statistics.median(staged):.2f} ms"
    print(line)
    if statuses.get("pass", 0) != len(results):
        first = next(r for r in results if r["status"] != "pass")
        print(f"         statuses: {statuses} (the toolchain does not pass the trivial case:"
              f" {first['message']} {first['stderr'][:200]})")


def spawn_median_ms(argv, count, expected):
    devnull = os.open(os.devnull, os.O_RDWR)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, status = os.waitpid(pid, 0)
        times.append((time.perf_counter() - start) * 1000)
        if os.waitstatus_to_exitcode(status) != expected:
            return None
    os.close(devnull)
    return statistics.median(times)


def bench_runner_floor(bin_dir, scratch, count):
    runner = os.path.join(bin_dir, "tide-runner")
    if not os.access(runner, os.X_OK):
        print("runner   floor: no tide-runner built")
        return
    source = os.path.join(scratch, "trivial.c")
    obj = os.path.join(scratch, "trivial.o")
    with open(source, "w") as f:
        f.write("int main(void) { return 3; }\n")
    if subprocess.run(["cc", "-c", "-O0", "-fno-asynchronous-unwind-tables", source, "-o", obj]).returncode:
        print("runner   floor: cc failed")
        return
    runner_ms = spawn_median_ms([runner, obj], count, 3)
    true_ms = spawn_median_ms(["/bin/true"], count, 0)
    if runner_ms is None:
        print("runner   floor: tide-runner did not return 3 for the cc object")
        return
    # /bin/true is the machine's spawn cost right now (load matters on shared hosts).
    print(f"runner   floor: tide-runner on a cc object {runner_ms:.2f} ms per spawn; /bin/true {true_ms:.2f} ms;"
          f" load average {os.getloadavg()[0]:.1f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--lanes", default="jit-O0,interp")
    parser.add_argument("-j", type=int, default=1)
    args = parser.parse_args()
    bin_dir = find_bin(args.bin)
    tide = os.path.join(bin_dir, "tide")
    with tempfile.TemporaryDirectory(prefix="tide-batch-bench-") as scratch:
        corpus = os.path.join(scratch, "corpus")
        make_corpus(corpus, args.n)
        print(f"tide: {tide}")
        for lane in args.lanes.split(","):
            bench_lane(tide, corpus, lane, args.j, scratch)
        bench_runner_floor(bin_dir, scratch, args.n)


if __name__ == "__main__":
    main()
