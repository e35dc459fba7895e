#!/usr/bin/env python3
"""Per-case overhead of `tide --batch` (docs/batch.md), and cases per second.

Generates trivial cases (`fn main(): i32 { return 3; }`) and runs them with
`tide --batch --lanes LANE -jJ --json`, twice: N cases and 2N cases. The
per-case overhead is the difference of the two wall times divided by N, so
the run's fixed costs (starting tide, forking the staging workers, probing
the linker) drop out and what remains is stage + spawn + run + join of one
case: the figure the target (jit-O0 <= 2 ms per case) is about. The
CPU time (user + system of tide and everything it reaped, by the same
difference) is the figure that depends least on what else the machine is
doing: on an idle machine at -j1 the wall time per case approaches it. The
engine's own timings from the JSON lines are printed too: stage_ms (the
compile step, in a staging worker) and execute_ms (spawn to exit of the
isolated program).

As a floor it also times tide-runner on an object built by `cc -c` (no Tide
compiler involved), spawned with posix_spawn from this script, and
/bin/true (the machine's spawn cost right now).

With --corpus DIR it also times the whole corpus in every lane, the way the
README's ctest entry runs it (`tide --batch DIR`), and with --peer BIN a
second tide (e.g. an older build) on the same inputs in the same run, for a
ratio that does not depend on how loaded the machine is.

usage: bench/batch_overhead.py [--bin DIR] [-n N] [--repeat R] [--lanes jit-O0,interp,aot-O0]
                               [-j J] [--corpus tests/corpus] [--peer DIR]
"""
import argparse
import json
import os
import resource
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


def run_batch(tide, corpus, lanes, jobs, report):
    argv = [tide, "--batch", corpus, "--json", report]
    if lanes:
        argv += ["--lanes", lanes]
    if jobs:
        argv += ["-j", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    run = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of tide and everything it reaped (workers, runners, linkers, programs).
    run.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    results = []
    with open(report) as f:
        for line in f:
            obj = json.loads(line)
            if obj.get("type") == "result":
                results.append(obj)
    return wall, results, run


def bench_lane(tide, corpora, lane, jobs, scratch, repeat):
    small, large = corpora
    # The fastest of `repeat` runs of each size: the one least slowed by
    # whatever else the (shared) machine was doing.
    wall_small = wall_large = cpu_small = cpu_large = float("inf")
    for _ in range(repeat):
        wall, _, run = run_batch(tide, small[0], lane, jobs, os.path.join(scratch, f"{lane}-small.jsonl"))
        wall_small, cpu_small = min(wall_small, wall), min(cpu_small, run.cpu)
        wall, results, run = run_batch(tide, large[0], lane, jobs,
                                       os.path.join(scratch, f"{lane}-large.jsonl"))
        wall_large, cpu_large = min(wall_large, wall), min(cpu_large, run.cpu)
    statuses = {}
    for r in results:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    if not results or statuses.get("skip", 0) == len(results):
        reason = results[0]["message"] if results else run.stdout.strip()
        print(f"{lane:8s} unavailable: {reason}")
        return
    per_case_ms = (wall_large - wall_small) * 1000 / (large[1] - small[1])
    cpu_per_case_ms = (cpu_large - cpu_small) * 1000 / (large[1] - small[1])
    executed = [r["execute_ms"] for r in results if r["execute_ms"] > 0]
    staged = [r["stage_ms"] for r in results if r["stage_ms"] > 0]
    line = (f"{lane:8s} per case {per_case_ms:.2f} ms wall = {1000 / per_case_ms:.0f} cases/s (-j{jobs}),"
            f" {cpu_per_case_ms:.2f} ms CPU;"
            f" {len(results)} cases in {wall_large:.2f}s, {small[1]} in {wall_small:.2f}s")
    if executed:
        line += f"; execute median {statistics.median(executed):.2f} ms, p90 {sorted(executed)[len(executed) * 9 // 10]:.2f} ms"
    if staged:
        line += f"; stage median {statistics.median(staged):.2f} ms"
    print(line)
    if statuses.get("pass", 0) != len(results):
        first = next(r for r in results if r["status"] != "pass")
        print(f"         statuses: {statuses} (the toolchain does not pass the trivial case:"
              f" {first['message']} {first['stderr'][:200]})")


def bench_corpus(name, tide, corpus, scratch):
    wall, results, run = run_batch(tide, corpus, None, None, os.path.join(scratch, f"corpus-{name}.jsonl"))
    statuses = {}
    for r in results:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    lanes = sorted({r["lane"] for r in results})
    print(f"corpus   {name}: `{tide} --batch {corpus}`: {len(results)} results ({', '.join(lanes)}) in"
          f" {wall:.2f}s = {len(results) / wall:.0f} results/s, exit {run.returncode}, {statuses}")
    return wall


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
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest counts")
    parser.add_argument("--lanes", default="jit-O0,interp,aot-O0")
    parser.add_argument("-j", type=int, default=1)
    parser.add_argument("--corpus", help="also time `tide --batch CORPUS` (every lane)")
    parser.add_argument("--peer", help="bin directory of another tide to time on the same corpus")
    args = parser.parse_args()
    bin_dir = find_bin(args.bin)
    tide = os.path.join(bin_dir, "tide")
    with tempfile.TemporaryDirectory(prefix="tide-batch-bench-") as scratch:
        small = os.path.join(scratch, "small")
        large = os.path.join(scratch, "large")
        make_corpus(small, args.n)
        make_corpus(large, 2 * args.n)
        print(f"tide: {tide}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus")
        for lane in args.lanes.split(","):
            bench_lane(tide, ((small, args.n), (large, 2 * args.n)), lane, args.j, scratch, args.repeat)
        bench_runner_floor(bin_dir, scratch, args.n)
        if args.corpus:
            ours = bench_corpus("this", tide, args.corpus, scratch)
            if args.peer:
                peer = bench_corpus("peer", os.path.join(args.peer, "tide"), args.corpus, scratch)
                print(f"corpus   this / peer wall time: {ours / peer:.2f}")


if __name__ == "__main__":
    main()
