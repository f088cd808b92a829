#!/usr/bin/env python3
"""Runs gclab run --pprof on alloc-sites.toml and reads the profile back with Go's own pprof.

usage: check_pprof.py GCLAB GO WORKDIR

The expected numbers come from the scenario's known allocations (alloc-sites.toml's comment) and Go's
size classes, the expected lines from the op strings in the file, and the totals from the run's
--memstats-json (TotalAlloc, HeapAlloc, Mallocs, HeapObjects).
"""
import json
import os
import re
import subprocess
import sys

gclab, go, workdir = sys.argv[1], sys.argv[2], sys.argv[3]
scenario = os.path.join(os.path.dirname(os.path.abspath(__file__)), "alloc-sites.toml")
profile = os.path.join(workdir, "alloc-sites.pb.gz")
memstats = os.path.join(workdir, "alloc-sites.json")


def fail(msg):
    sys.exit("check_pprof: " + msg)


def line_of(op):
    with open(scenario) as f:
        for n, text in enumerate(f, 1):
            if '"%s"' % op in text:
                return n
    fail("no op %s in %s" % (op, scenario))


subprocess.run([gclab, "run", scenario, "--pprof", profile, "--memstats-json", memstats], check=True,
               stdout=subprocess.DEVNULL)
with open(memstats) as f:
    m = json.load(f)

# site -> (alloc_objects, alloc_space, inuse_objects, inuse_space)
expected = {
    "main.op2: new Node": (line_of("new 1 Node"), 300, 300 * 48, 300, 300 * 48),
    "main.op7: new Blob": (line_of("new 2 Blob"), 20, 20 * 5376, 1, 5376),
    "worker.op2: new Big": (line_of("new 0 Big"), 10, 10 * 40960, 10, 10 * 40960),
}
totals = {"alloc_objects": m["Mallocs"], "alloc_space": m["TotalAlloc"], "inuse_objects": m["HeapObjects"],
          "inuse_space": m["HeapAlloc"]}
env = dict(os.environ, HOME=workdir, PPROF_TMPDIR=workdir)
for index, sample_type in enumerate(["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]):
    out = subprocess.run([go, "tool", "pprof", "-top", "-lines", "-unit=B", "-sample_index=" + sample_type, profile],
                         check=True, capture_output=True, text=True, env=env).stdout
    total = re.search(r"Showing nodes accounting for (\d+)B, 100% of (\d+)B total", out)
    if not total or int(total.group(2)) != totals[sample_type]:
        fail("%s: total is not %d:\n%s" % (sample_type, totals[sample_type], out))
    for site, (line, *values) in expected.items():
        want = r"^\s*%dB\s.*\s%s %s:%d$" % (values[index], re.escape(site), re.escape(scenario), line)
        if not re.search(want, out, re.MULTILINE):
            fail("%s: no line matching %r in:\n%s" % (sample_type, want, out))
print("ok")
