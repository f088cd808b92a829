#!/usr/bin/env python3
"""Checks the settings columns of a gclab run --metrics-csv file: every row has the given GOGC and
GOMEMLIMIT, read as Go's runtime/metrics reports them.

usage: check_settings.py METRICS.csv GOGC_PERCENT GOMEMLIMIT_BYTES
"""
import csv
import sys

with open(sys.argv[1], newline="") as f:
    rows = list(csv.DictReader(f))
if not rows:
    sys.exit("check_settings: no rows")
want = {"/gc/gogc:percent": sys.argv[2], "/gc/gomemlimit:bytes": sys.argv[3]}
for r in rows:
    for name, value in want.items():
        if r[name] != value:
            sys.exit("check_settings: %s row at %s ns: %s = %s, want %s" % (r["sample"], r["virtual_ns"], name, r[name], value))
print("ok: %d rows" % len(rows))
