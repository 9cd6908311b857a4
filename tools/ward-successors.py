#!/usr/bin/env python3
"""Writes db/seed/ward_successors.csv from the shared collection's mapping
(../shared/data/admin_units/mapping_2025/ward_old_to_new.csv) for the new
city (province 79 after 1 July 2025): one row per old ward and new ward it
went into. See db/seed/PROVENANCE.md.

usage: tools/ward-successors.py ADMIN_UNITS_DIR > db/seed/ward_successors.csv
"""
import csv
import sys
import unicodedata

src = sys.argv[1]
nfc = lambda s: unicodedata.normalize("NFC", s)
wards = {r["code"]: r for r in csv.DictReader(open(src + "/pre2025/wards.csv"))}
districts = {r["code"]: r for r in csv.DictReader(open(src + "/pre2025/districts.csv"))}
rows = [r for r in csv.DictReader(open(src + "/mapping_2025/ward_old_to_new.csv"))
        if r["new_province_code"] == "79"]
new_codes = {r["new_ward_code"] for r in rows}
first = {}
for r in rows:
    first.setdefault(r["old_ward_code"], r["new_ward_code"])
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["old_code", "name", "name_en", "new_gso_code", "part", "primary"])
for r in rows:
    old = r["old_ward_code"]
    w = wards.get(old)
    if w is not None:
        d = districts[w["district_code"]]
        name = "%s (%s)" % (w["full_name"], d["full_name"])
        name_en = "%s (%s)" % (w["full_name_en"], d["full_name_en"])
    else:
        name, name_en = r["old_ward_name"], ""
    # A ward split over several new ones counts, in today's units, in the
    # one that kept its code, else the first the mapping names.
    primary = old in new_codes and r["new_ward_code"] == old or \
        old not in new_codes and first[old] == r["new_ward_code"]
    out.writerow(["GSO." + old, nfc(name), nfc(name_en), r["new_ward_code"],
                  r["merge_type"], "1" if primary else "0"])
