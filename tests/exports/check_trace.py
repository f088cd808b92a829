#!/usr/bin/env python3
"""Checks a gclab run --trace-json file with Python's own JSON parser.

usage: check_trace.py TRACE.json MEMSTATS.json GOMAXPROCS

Slices nest properly on every track; every GC cycle (NumGC from the MemStats export) has its four
phases in order, back to back, and a stop-the-world slice exactly over each of its two pauses; there
is one track per P; assists sit inside a goroutine's slice; counters are there and move forward.
"""
import json
import sys
from collections import defaultdict


def fail(msg):
    sys.exit("check_trace: " + msg)


def ns(us):
    return round(us * 1000)


trace_path, memstats_path, procs = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(trace_path) as f:
    trace = json.load(f)
with open(memstats_path) as f:
    numgc = json.load(f)["NumGC"]
events = trace["traceEvents"]

names = {e["tid"]: e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
tid_of = {v: k for k, v in names.items()}
for p in range(procs):
    if "P%d" % p not in tid_of:
        fail("no track P%d" % p)

slices = defaultdict(list)
for e in events:
    if e["ph"] == "X":
        if e["dur"] < 0:
            fail("negative duration: %r" % e)
        slices[e["tid"]].append((ns(e["ts"]), ns(e["ts"]) + ns(e["dur"]), e))

# Nesting: on each track, a slice that starts inside another ends inside it too (slices of equal
# extent nest in file order, as trace viewers nest them).
for tid, xs in slices.items():
    xs.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    stack = []
    for start, end, e in xs:
        while stack and stack[-1][1] <= start and not (stack[-1][1] == start == end):
            stack.pop()
        if stack and end > stack[-1][1]:
            fail("%s: %r overlaps %r without nesting" % (names.get(tid), e, stack[-1][2]))
        if e["cat"] == "assist" and (not stack or stack[-1][2]["cat"] != "goroutine"):
            fail("assist outside a goroutine: %r" % e)
        stack.append((start, end, e))

# GC phases: per cycle, in order and back to back.
by_cycle = defaultdict(list)
for start, end, e in slices[tid_of["GC phases"]]:
    by_cycle[e["args"]["cycle"]].append((start, end, e["name"]))
if sorted(by_cycle) != list(range(1, numgc + 1)):
    fail("phase slices for cycles %r, NumGC is %d" % (sorted(by_cycle), numgc))
stws = defaultdict(list)
for start, end, e in slices[tid_of["STW"]]:
    stws[e["args"]["cycle"]].append((start, end, e["name"]))
previous_end = -1
for cycle in range(1, numgc + 1):
    phases = sorted(by_cycle[cycle])
    got = [p[2] for p in phases]
    if got[:3] != ["sweep termination", "mark", "mark termination"] or got[3:] not in ([], ["sweep"]):
        fail("cycle %d phases: %r" % (cycle, got))
    for a, b in zip(phases, phases[1:]):
        if a[1] != b[0]:
            fail("cycle %d: %s ends at %d, %s starts at %d" % (cycle, a[2], a[1], b[2], b[0]))
    if phases[0][0] < previous_end:
        fail("cycle %d starts before cycle %d ended" % (cycle, cycle - 1))
    previous_end = phases[-1][1]
    want = [(phases[0][0], phases[0][1], "STW: sweep termination"),
            (phases[2][0], phases[2][1], "STW: mark termination")]
    if sorted(stws[cycle]) != want:
        fail("cycle %d: STW slices %r, pauses %r" % (cycle, sorted(stws[cycle]), want))
if numgc > 0 and not any(e["cat"] == "mark-worker" for xs in slices.values() for _, _, e in xs):
    fail("no mark worker slices although %d cycles ran" % numgc)
if not any(e["cat"] == "goroutine" for xs in slices.values() for _, _, e in xs):
    fail("no goroutine slices")

counters = defaultdict(list)
for e in events:
    if e["ph"] == "C":
        counters[e["name"]].append(ns(e["ts"]))
for name in ("heapLive", "heapGoal", "HeapInuse"):
    ts = counters[name]
    if len(ts) < 2 or ts != sorted(ts):
        fail("counter %s: %d samples, in order: %s" % (name, len(ts), ts == sorted(ts)))
print("ok: %d events, %d cycles" % (len(events), numgc))
