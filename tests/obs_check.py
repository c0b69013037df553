#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Parses what `ffa-sim run` writes for observers (docs/observability.md): every JSON Lines
record with the documented fields and types, the timeline as Chrome trace-event JSON with its
slices nested per track, the SVG sequence diagram as XML, and --stats=json as one object.
Usage: obs_check.py FFA_SIM_BINARY"""
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# The JSON Lines schema: field -> accepted types (docs/observability.md, "JSON Lines").
FIELDS = {
    "seq": (int,), "parent": (int,), "depth": (int,), "cpu": (int,),
    "start": (int,), "end": (int,),
    "caller": (int, str), "caller_name": (str,), "callee": (int, str), "callee_name": (str,),
    "via_proxy": (bool,), "function": (str,), "fid": (str,),
    "args": (list,), "answer": (list, type(None)), "error": (str, type(None)),
    "detail": (str,), "spent": (dict,), "verdict": (str,), "violations": (int,),
}


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check_jsonl(path):
    seqs = set()
    with open(path) as f:
        lines = f.read().splitlines()
    if not lines:
        fail("no JSON Lines")
    for n, line in enumerate(lines, 1):
        rec = json.loads(line)
        if set(rec) != set(FIELDS):
            fail(f"line {n}: fields {sorted(rec)}")
        for key, types in FIELDS.items():
            if not isinstance(rec[key], types) or (bool in types) != isinstance(rec[key], bool):
                fail(f"line {n}: {key} is {rec[key]!r}")
        if set(rec["spent"]) != {"caller", "proxy", "spmc", "callee"}:
            fail(f"line {n}: spent {rec['spent']}")
        if sum(rec["spent"].values()) != rec["end"] - rec["start"]:
            fail(f"line {n}: the components do not add up to the call's time")
        if rec["parent"] and rec["parent"] not in seqs:
            fail(f"line {n}: parent {rec['parent']} not seen before")
        if rec["verdict"] not in ("ok", "violation", "unchecked"):
            fail(f"line {n}: verdict {rec['verdict']}")
        for reg in rec["args"] + (rec["answer"] or []):
            int(reg, 16)
        seqs.add(rec["seq"])
    return len(lines)


def check_timeline(path):
    with open(path) as f:
        doc = json.load(f)
    events = doc["traceEvents"]
    names = {}
    slices = {}
    for e in events:
        if e["ph"] == "M":
            if e["name"] == "thread_name":
                names[(e["pid"], e["tid"])] = e["args"]["name"]
            continue
        if e["ph"] != "X":
            fail(f"unexpected phase {e['ph']}")
        for key in ("name", "cat", "pid", "tid", "ts", "dur"):
            if key not in e:
                fail(f"slice without {key}: {e}")
        if e["dur"] < 0:
            fail(f"negative duration: {e}")
        slices.setdefault((e["pid"], e["tid"]), []).append((e["ts"], e["ts"] + e["dur"], e))
    # Slices of one track nest: none overlaps another partly.
    for track, items in slices.items():
        if track not in names:
            fail(f"track {track} has no name")
        items.sort(key=lambda s: (s[0], -s[1]))
        stack = []
        for start, end, e in items:
            while stack and stack[-1] <= start and not (stack[-1] == start and end == start):
                stack.pop()
            if stack and end > stack[-1] + 1e-9:
                fail(f"{names[track]}: {e['name']} at {start} overlaps its enclosing slice")
            stack.append(end)
    tracks = set(names.values())
    for want in ("host (0x0000)", "forward (0x8003)", "echo2 (0x8002)", "SPMC (0x8000)", "cpu0"):
        if want not in tracks:
            fail(f"no track {want}: {sorted(tracks)}")
    runs = [e for items in slices.values() for _, _, e in items if e["cat"] == "run"]
    if not any(e["name"] == "run for forward (0x8003)" for e in runs):
        fail("no run slice of echo2 for forward")


def main():
    exe = sys.argv[1]
    with tempfile.TemporaryDirectory() as d:
        res = subprocess.run(
            [exe, "run", "-q", "--trace-json", f"{d}/t.jsonl", "--timeline", f"{d}/tl.json",
             "--sequence", f"{d}/s.svg", "--stats=json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        if res.returncode != 0:
            fail(f"ffa-sim exited {res.returncode}: {res.stderr}")
        n = check_jsonl(f"{d}/t.jsonl")
        check_timeline(f"{d}/tl.json")
        ET.parse(f"{d}/s.svg")
        stats = json.loads(res.stderr.strip().splitlines()[-1])
        if [e["endpoint"] for e in stats["endpoints"]] != [0, 0x8001, 0x8002, 0x8003, 0x8004]:
            fail(f"stats endpoints {stats['endpoints']}")
        total = sum(f["calls"] for e in stats["endpoints"] for f in e["functions"])
        if total != n:
            fail(f"stats count {total} calls, the trace {n}")
    print(f"ok: {n} calls")


if __name__ == "__main__":
    main()
