#!/usr/bin/env python3
"""Checks a gclab run --metrics-csv file against the run's --memstats-json.

usage: check_metrics.py METRICS.csv MEMSTATS.json

Rows: a start row first, an end row last, one gc-start and one gc-end row per GC cycle, an interval
row at most once per 10 µs interval of virtual time (and in most of them); virtual time never goes
back; cumulative metrics never decrease; the settings never change; the memory classes add up to
total:bytes; the end row agrees with the final MemStats.
"""
import csv
import json
import sys

INTERVAL_NS = 10_000
CUMULATIVE = ["/gc/cycles/total:gc-cycles", "/gc/cycles/forced:gc-cycles", "/gc/heap/allocs:bytes",
              "/gc/heap/allocs:objects", "/gc/heap/frees:bytes", "/gc/heap/frees:objects",
              "/gc/heap/tiny/allocs:objects", "/cpu/classes/gc/total:cpu-seconds",
              "/gc/limiter/last-enabled:gc-cycle"]
CONSTANT = ["/gc/gogc:percent", "/gc/gomemlimit:bytes"]


def fail(msg):
    sys.exit("check_metrics: " + msg)


with open(sys.argv[1], newline="") as f:
    rows = list(csv.DictReader(f))
with open(sys.argv[2]) as f:
    m = json.load(f)

kinds = [r["sample"] for r in rows]
if kinds[0] != "start" or kinds[-1] != "end" or "start" in kinds[1:] or "end" in kinds[:-1]:
    fail("rows must begin with start and finish with end")
if kinds.count("gc-start") != m["NumGC"] or kinds.count("gc-end") != m["NumGC"]:
    fail("%d gc-start and %d gc-end rows for NumGC %d" % (kinds.count("gc-start"), kinds.count("gc-end"), m["NumGC"]))
times = [int(r["virtual_ns"]) for r in rows]
if times != sorted(times):
    fail("virtual time goes back")
interval_slots = [t // INTERVAL_NS for t, k in zip(times, kinds) if k == "interval"]
if len(set(interval_slots)) != len(interval_slots):
    fail("two interval rows in the same %d ns interval" % INTERVAL_NS)
# A step can span a boundary (a pause takes 10 µs), so not every interval has a row; most must.
if len(set(t // INTERVAL_NS for t in times)) * 2 < times[-1] // INTERVAL_NS:
    fail("rows in only %d of %d intervals" % (len(set(t // INTERVAL_NS for t in times)), times[-1] // INTERVAL_NS))
for name in CUMULATIVE:
    values = [float(r[name]) for r in rows]
    if values != sorted(values):
        fail("%s decreases" % name)
# Go's memory classes partition the mapped memory: the leaves add up to total:bytes in every row.
classes = [c for c in rows[0] if c.startswith("/memory/classes/") and c != "/memory/classes/total:bytes"]
if len(classes) != 13:
    fail("%d /memory/classes leaves, Go 1.19 has 13" % len(classes))
for r in rows:
    if sum(int(r[c]) for c in classes) != int(r["/memory/classes/total:bytes"]):
        fail("at %s ns the memory classes add up to %d, total:bytes is %s" %
             (r["virtual_ns"], sum(int(r[c]) for c in classes), r["/memory/classes/total:bytes"]))
for name in CONSTANT:
    if len(set(r[name] for r in rows)) != 1:
        fail("%s changes during a run" % name)
end = rows[-1]
if int(end["/gc/limiter/last-enabled:gc-cycle"]) > m["NumGC"] + 1:
    fail("the limiter was last enabled in cycle %s of %d" % (end["/gc/limiter/last-enabled:gc-cycle"], m["NumGC"]))
want = {
    "/gc/cycles/total:gc-cycles": m["NumGC"],
    "/gc/cycles/forced:gc-cycles": m["NumForcedGC"],
    "/gc/heap/allocs:bytes": m["TotalAlloc"],
    "/gc/heap/frees:bytes": m["TotalAlloc"] - m["HeapAlloc"],
    "/gc/heap/objects:objects": m["HeapObjects"],
    "/gc/heap/goal:bytes": m["NextGC"],
    "/memory/classes/heap/objects:bytes": m["HeapAlloc"],
    "/memory/classes/heap/released:bytes": m["HeapReleased"],
    "/memory/classes/heap/free:bytes": m["HeapIdle"] - m["HeapReleased"],
    "/memory/classes/heap/stacks:bytes": m["StackInuse"],
    "/memory/classes/metadata/mspan/inuse:bytes": m["MSpanInuse"],
    "/memory/classes/metadata/mcache/inuse:bytes": m["MCacheInuse"],
    "/memory/classes/metadata/other:bytes": m["GCSys"],
    "/memory/classes/total:bytes": m["Sys"],
}
for name, value in want.items():
    if int(end[name]) != value:
        fail("end row %s = %s, MemStats says %d" % (name, end[name], value))
tiny = int(end["/gc/heap/tiny/allocs:objects"])
if int(end["/gc/heap/allocs:objects"]) + tiny != m["Mallocs"] or int(end["/gc/heap/frees:objects"]) + tiny != m["Frees"]:
    fail("allocs/frees objects plus tiny allocs must give Mallocs and Frees")
print("ok: %d rows, %d cycles" % (len(rows), m["NumGC"]))
