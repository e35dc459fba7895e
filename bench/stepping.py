#!/usr/bin/env python3
"""Source-line stepping in `tide dbg` against gdb on the C twin of the same
program, in the same run (targets: step median <= 2 ms, launch to the first
breakpoint in main <= 300 ms).

One step is `n` followed by the refresh a debugger UI does at every stop:
registers, call stack and locals (`regs`, `bt`, `locals` in tide dbg;
`info registers`, `bt`, `info locals` in gdb). Both debuggers read the same
script from a pipe, one step at a time: the driver sends a step, then waits
for the marker line that follows it, so every step is timed on its own and
the median is reported. Launch to the first breakpoint is timed the same way
(`run` to the marker after the stop in main), and includes, for tide, the
LLDB launch of tide-runner and the image load.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import have, run, tide_binary  # noqa: E402

TOY = """fn main(): i32 {
    var total: i64 = 0;
    var i: i64 = 0;
    while i < 100000 {
        total += i * 3;
        i += 1;
    }
    return (total % 256) as i32;
}
"""

C_TWIN = """int main(void) {
    long total = 0;
    long i = 0;
    while (i < 100000) {
        total += i * 3;
        i += 1;
    }
    return (int)(total % 256);
}
"""

STEPS = 200


class Session:
    """A debugger reading commands from a pipe; `exchange` sends commands and
    returns the seconds until the marker line they end with appears."""

    def __init__(self, cmd, marker_command, cwd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, cwd=cwd, bufsize=0)
        self.marker_command = marker_command
        self.count = 0
        self.buffer = b""

    def exchange(self, commands):
        self.count += 1
        marker = f"MARK{self.count}"
        text = "".join(c + "\n" for c in commands) + self.marker_command.format(marker) + "\n"
        start = time.perf_counter()
        self.proc.stdin.write(text.encode())
        wanted = marker.encode()
        while True:
            # tide dbg echoes each command as it reads it, after the previous
            # one is done, so its echo of "# MARKn" is the marker; gdb prints
            # "(gdb) MARKn" for `echo MARKn`.
            lines = self.buffer.split(b"\n")
            for line in lines[:-1]:
                if line.strip().endswith(wanted):
                    self.buffer = b"\n".join(lines[lines.index(line) + 1:])
                    return time.perf_counter() - start
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise RuntimeError("debugger ended early:\n" + self.buffer.decode(errors="replace"))
            self.buffer += chunk

    def close(self, commands):
        self.proc.stdin.write("".join(c + "\n" for c in commands).encode())
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def measure(session, step, refresh, launch):
    launch_time = session.exchange(launch)
    steps = []
    for _ in range(STEPS):
        steps.append(session.exchange([step] + refresh))
    return launch_time, statistics.median(steps)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tide", default=None)
    args = parser.parse_args()
    tide = os.path.abspath(args.tide) if args.tide else tide_binary()
    if not have("gdb") or not have("gcc"):
        sys.exit("stepping: needs gdb and gcc")
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "loop.toy"), "w") as f:
            f.write(TOY)
        with open(os.path.join(tmp, "loop.c"), "w") as f:
            f.write(C_TWIN)
        if run(["gcc", "-O0", "-g", "-fno-omit-frame-pointer", "loop.c", "-o", "loop"],
               cwd=tmp).returncode != 0:
            sys.exit("stepping: gcc failed")

        tide_session = Session([tide, "dbg", "loop.toy"], "# {}", tmp)
        tide_session.exchange([])  # compiled and ready
        tide_launch, tide_step = measure(tide_session, "n", ["regs", "bt", "locals"],
                                         ["b main", "run"])
        tide_session.close(["q"])

        gdb_session = Session(["gdb", "-q", "-nx", "-ex", "set pagination off", "-ex",
                               "set confirm off", "loop"], "echo {}\\n", tmp)
        gdb_session.exchange([])
        gdb_launch, gdb_step = measure(gdb_session, "next",
                                       ["info registers", "bt", "info locals"],
                                       ["break main", "run"])
        gdb_session.close(["kill", "quit"])

    print(f"step (n + registers + stack + locals), median of {STEPS}: "
          f"tide dbg {tide_step * 1000:.2f} ms, gdb {gdb_step * 1000:.2f} ms, "
          f"ratio {tide_step / gdb_step:.2f} (target <= 2 ms)")
    print(f"launch to the first breakpoint in main: tide dbg {tide_launch * 1000:.1f} ms, "
          f"gdb {gdb_launch * 1000:.1f} ms, ratio {tide_launch / gdb_launch:.2f} "
          f"(target <= 300 ms)")


if __name__ == "__main__":
    main()
