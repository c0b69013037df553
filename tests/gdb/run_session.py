#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Drives a real gdb session against `ffa-sim run --gdb 0 --gdb-wait` (tests/gdb/session.gdb)
and checks what gdb printed: the breakpoint at the guest's direct request, the threads, the
step into the partition with the request in its registers, the step back, the monitor
commands, the watchpoint and the end of the run. Exits 77 (skipped) without gdb-multiarch."""
import os
import re
import shutil
import subprocess
import sys
import time

EXPECT = [
    r"Breakpoint 1 at 0x[0-9a-f]+",
    r"Thread 1 hit Breakpoint 2, 0x[0-9a-f]+ in gdb_req2_call \(\)",
    r"\* 1 +Thread 1 \(normal world CPU 0\)",
    r"  2 +Thread 2 \(partition 0x8002 \(ctx 0\)\)",
    r"\$1 = \{0x1122334455667788, 0x99\}",
    r"\$2 = \{u = 0x991122334455667788",
    r"\$3 = 0x3400000",
    r"\$4 = 0x40001000",
    r"ffa-sim: break-on FFA_MSG_SEND_DIRECT_REQ2_64: normal world CPU 0 makes the call",
    r"\[Switching to Thread 2\]",
    r"\[Current thread is 2 \(Thread 2\)\]",
    r"x0 +0xc400008d",
    r"x1 +0x8002",
    r"x4 +0x1234",
    r"ffa-sim: break-on FFA_MSG_SEND_DIRECT_RESP2_64: partition 0x8002 \(ctx 0\) makes the call",
    r"\[Current thread is 1 \(Thread 1\)\]",
    r"normal world CPU 0: PE 0 clock [0-9]+ ns, [0-9]+ instructions",
    r"host \(0x0000\) -> echo2 \(0x8002\): FFA_MSG_SEND_DIRECT_REQ2_64 x1=0x8002",
    r'ffa-sim: unknown monitor command "frobnicate"',
    r"Thread 1 hit Hardware watchpoint 3: \*\(unsigned long \*\)&gdb_counter",
    r"Old value = 1",
    r"New value = 4661",
    r"\$5 = 0x1235",
    r"\[Inferior 1 \(Remote target\) exited normally\]",
]


def main():
    sim, system, guest, script = sys.argv[1:5]
    gdb = shutil.which("gdb-multiarch")
    if gdb is None:
        print("gdb-multiarch is not installed: skipped")
        return 77
    proc = subprocess.Popen([sim, "run", system, guest, "--gdb", "0", "--gdb-wait"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = None
    deadline = time.monotonic() + 30
    while port is None and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        m = re.search(r"gdb: listening on 127\.0\.0\.1:(\d+)", line)
        if m:
            port = m.group(1)
    if port is None:
        proc.kill()
        print("no listening note from ffa-sim")
        return 1
    try:
        out = subprocess.run(
            [gdb, "-batch", "-nx", "-ex", "set architecture aarch64", "-ex", "file " + guest,
             "-ex", "target remote :" + port, "-x", script],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=90).stdout
    except subprocess.TimeoutExpired:
        proc.kill()
        print("gdb did not finish in 90 s")
        return 1
    try:
        sim_out, sim_err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        print("ffa-sim did not end after gdb left")
        return 1
    print(out)
    failed = 0
    pos = 0
    for pattern in EXPECT:
        m = re.compile(pattern, re.M).search(out, pos)
        if m is None:
            print("missing (in order): " + pattern)
            failed += 1
        else:
            pos = m.end()
    # Breakpoint 1 is for thread 2 alone: thread 1 runs through it without a stop.
    if re.search(r"hit Breakpoint 1,", out):
        print("thread 1 stopped at the breakpoint for thread 2")
        failed += 1
    if proc.returncode != 0:
        print("ffa-sim ended with %d: %s" % (proc.returncode, sim_err))
        failed += 1
    if "gdb guest: counter 0x1235" not in sim_out:
        print("the guest did not finish: " + sim_out)
        failed += 1
    print("%d passed, %d failed" % (len(EXPECT) + 3 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
