#!/usr/bin/env python3
"""Compute the run-case corpus sidecars from the C twins, independently of Tide.

Every case tests/corpus/cases/NAME.toy has a twin tests/corpus/twins/NAME.c with the
same semantics (see tests/corpus/README.md). This script builds each twin with
gcc -std=gnu11 -fwrapv -O0 -lm, runs it with no arguments and stdin closed, and
compares its real exit status (128 + signal for a fault) and stdout with the case's
NAME.expected and NAME.stdout.

  corpus_twins.py --check      (default) exit 1 and list every disagreement
  corpus_twins.py --write      rewrite NAME.expected, and NAME.stdout when the twin
                               printed something (a stale NAME.stdout is removed)
  corpus_twins.py ... NAME...  only these cases

The twins, not our compiler, are the source of truth, so a Tide bug can never leak
into the expected values.
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "tests", "corpus", "cases")
TWINS = os.path.join(ROOT, "tests", "corpus", "twins")
GCC_FLAGS = ["-std=gnu11", "-fwrapv", "-O0", "-w", "-I", TWINS]
RUN_TIMEOUT_S = 10


def status_of(returncode):
    """A process status as the corpus records it: 0-255, or 128 + signal."""
    if returncode < 0:
        return 128 + (-returncode)
    return returncode & 0xFF


def run_twin(name, workdir):
    """Build and run one twin; returns (name, status, stdout bytes, error text)."""
    source = os.path.join(TWINS, name + ".c")
    binary = os.path.join(workdir, name)
    build = subprocess.run(
        ["gcc", *GCC_FLAGS, "-o", binary, source, "-lm"],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        return name, None, b"", "gcc failed:\n" + build.stderr
    try:
        run = subprocess.run(
            [binary],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=RUN_TIMEOUT_S,
            cwd=workdir,
        )
    except subprocess.TimeoutExpired:
        return name, None, b"", "twin timed out"
    return name, status_of(run.returncode), run.stdout, None


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def compare(name, status, stdout):
    """Disagreements between a twin's run and the case's sidecars, as text lines."""
    problems = []
    expected_path = os.path.join(CASES, name + ".expected")
    stdout_path = os.path.join(CASES, name + ".stdout")
    if not os.path.exists(expected_path):
        problems.append("missing %s.expected (twin says %d)" % (name, status))
    else:
        recorded = read_bytes(expected_path).decode().strip()
        if recorded != str(status):
            problems.append("%s.expected is %s, twin exits %d" % (name, recorded, status))
    if stdout:
        if not os.path.exists(stdout_path):
            problems.append("missing %s.stdout (twin prints %d bytes)" % (name, len(stdout)))
        elif read_bytes(stdout_path) != stdout:
            problems.append("%s.stdout differs from the twin's output" % name)
    elif os.path.exists(stdout_path) and read_bytes(stdout_path):
        problems.append("%s.stdout exists but the twin prints nothing" % name)
    return problems


def write(name, status, stdout):
    with open(os.path.join(CASES, name + ".expected"), "w") as f:
        f.write("%d\n" % status)
    stdout_path = os.path.join(CASES, name + ".stdout")
    if stdout:
        with open(stdout_path, "wb") as f:
            f.write(stdout)
    elif os.path.exists(stdout_path):
        os.remove(stdout_path)


def case_names():
    toys = {f[:-4] for f in os.listdir(CASES) if f.endswith(".toy")}
    twins = {f[:-2] for f in os.listdir(TWINS) if f.endswith(".c")}
    return toys, twins


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare (the default)")
    mode.add_argument("--write", action="store_true", help="rewrite the sidecars")
    parser.add_argument("-j", type=int, default=2, help="parallel twins (default 2)")
    parser.add_argument("names", nargs="*", help="only these cases")
    args = parser.parse_args()

    toys, twins = case_names()
    problems = []
    for name in sorted(toys - twins):
        problems.append("%s.toy has no twin %s.c" % (name, name))
    for name in sorted(twins - toys):
        problems.append("twin %s.c has no case %s.toy" % (name, name))
    names = sorted(toys & twins)
    if args.names:
        unknown = [n for n in args.names if n not in names]
        problems += ["no case with twin named %s" % n for n in unknown]
        names = [n for n in args.names if n in names]

    with tempfile.TemporaryDirectory(prefix="corpus-twins-") as workdir:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
            results = list(pool.map(lambda n: run_twin(n, workdir), names))

    for name, status, stdout, error in results:
        if error:
            problems.append("%s: %s" % (name, error))
        elif args.write:
            write(name, status, stdout)
        else:
            problems += compare(name, status, stdout)

    verb = "wrote" if args.write else "checked"
    print("corpus twins: %s %d cases, %d problems" % (verb, len(results), len(problems)))
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
