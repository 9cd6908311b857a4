#!/usr/bin/python3
"""usage: cluster_summary.py LOAD.jsonl SECONDS — rates of a cluster_load.py run:
submissions answered 201 and status lookups answered 200 per second, and
their median and 95th percentile latencies are not recorded (throughput only)."""
import json
import sys

rs = [json.loads(l) for l in open(sys.argv[1])]
secs = float(sys.argv[2])
sub = sum(1 for r in rs if r['op'] == 'submit' and r['status'] == 201)
st = sum(1 for r in rs if r['op'] == 'status' and r['status'] == 200)
bad = sum(1 for r in rs if not 200 <= r['status'] < 300)
print('submissions/s %.1f  lookups/s %.1f  errors %d' % (sub / secs, st / secs, bad))
