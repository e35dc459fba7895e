"""Shared helpers for Tide's benchmarks: locating tools, timing commands
(median of several runs, wall clock) and printing ratio tables.

Every benchmark measures Tide and its peer (gcc, tcc, clang, gdb) in the same
run on the same machine and reports ratios; absolute numbers are context.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_BENCH = os.path.join(os.path.dirname(ROOT), "shared", "bench")


def tide_binary():
    for preset in ("release", "debug"):
        path = os.path.join(ROOT, "build", preset, "bin", "tide")
        if os.path.exists(path):
            return path
    sys.exit("bench: no tide binary; build the release preset first")


def have(tool):
    return shutil.which(tool) is not None


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def timed(cmd, runs=3, **kwargs):
    """Median wall-clock seconds of `runs` runs and the last CompletedProcess."""
    times, proc = [], None
    for _ in range(runs):
        start = time.perf_counter()
        proc = run(cmd, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), proc


def timed_cpu(cmd, runs=3, **kwargs):
    """Like timed(), plus the median CPU seconds (user + system, all threads)
    of the runs: a command that uses two cores shows it here."""
    import resource
    walls, cpus, proc = [], [], None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = run(cmd, **kwargs)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(walls), statistics.median(cpus), proc


def timed_alternating(commands, rounds=15, **kwargs):
    """Runs each of `commands` (name -> argv) once per round, in turn, for
    `rounds` rounds: a slow patch of the shared machine then falls on every
    command alike instead of on whichever ran during it. Returns name ->
    (median wall, min wall, median CPU, last CompletedProcess)."""
    import resource
    samples = {name: ([], []) for name in commands}
    last = {}
    for _ in range(rounds):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            last[name] = run(cmd, **kwargs)
            samples[name][0].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            samples[name][1].append((after.ru_utime - before.ru_utime) +
                                    (after.ru_stime - before.ru_stime))
    return {name: (statistics.median(walls), min(walls), statistics.median(cpus), last[name])
            for name, (walls, cpus) in samples.items()}


def geomean(values):
    values = [v for v in values if v > 0]
    if not values:
        return float("nan")
    product = 1.0
    for v in values:
        product *= v
    return product ** (1.0 / len(values))


def table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
