#!/usr/bin/env python3
"""`tide run` of a hello-world, process start to exit, against the same
program built AOT by `tide build` (target: ratio <= 2). Median of 20 runs."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import run, tide_binary, timed  # noqa: E402

HELLO = 'extern fn puts(s: *u8): i32;\nfn main(): i32 { puts("hello"); return 0; }\n'


def main():
    tide = tide_binary()
    with tempfile.TemporaryDirectory() as tmp:
        toy = os.path.join(tmp, "hello.toy")
        exe = os.path.join(tmp, "hello")
        with open(toy, "w") as f:
            f.write(HELLO)
        if run([tide, "build", toy, "-o", exe]).returncode != 0:
            sys.exit("startup: tide build failed")
        aot, _ = timed([exe], runs=20)
        jit, proc = timed([tide, "run", toy], runs=20)
        if proc.stdout != b"hello\n":
            sys.exit("startup: tide run printed the wrong output")
        print(f"hello world: tide run {jit * 1000:.2f} ms, AOT {aot * 1000:.2f} ms, "
              f"ratio {jit / aot:.2f} (target <= 2.0)")


if __name__ == "__main__":
    main()
