#!/usr/bin/env python3
"""Hugo's input for the site benchmark (tools/bench_site.sh): reads the
catalogue as JSON lines (one procedure a line, from the SQL in
bench_site.sh) on stdin and writes the same data as Markdown content with
JSON front matter, in both languages, into DIR/content/{vi,en}: one page a
procedure (taxonomies: field, level, service level, agency), one page a
ward (the ward pages of our site), and the index pages Hugo makes itself
(home, sections, taxonomy terms)."""
import json
import os
import sys

out = sys.argv[1]
wards = json.loads(sys.argv[2]) if len(sys.argv) > 2 else []


def lines(s):
    return [x.strip() for x in (s or '').splitlines() if x.strip()]


for lang in ('vi', 'en'):
    os.makedirs(os.path.join(out, 'content', lang, 'thu-tuc'), exist_ok=True)
    os.makedirs(os.path.join(out, 'content', lang, 'phuong-xa'), exist_ok=True)

n = 0
commune = {}
for raw in sys.stdin:
    p = json.loads(raw)
    levels = (['tinh'] if p['province'] else []) + (['xa'] if p['commune'] else [])
    for lang in ('vi', 'en'):
        fm = {
            'title': p['name'], 'code': p['code'], 'date': p['updated'].replace(' ', 'T') + '+07:00',
            'field': p['field_en'] if lang == 'en' and p['field_en'] else p['field'],
            'linhvuc': [p['field_slug']], 'cap': levels, 'mucdo': [p['service']],
            'coquan': [p['agency_code']] if p['agency_code'] else [],
            'agency': (p['agency_en'] if lang == 'en' else p['agency']) or '',
            'online': bool(p['online']), 'type': p['type'] or '', 'subjects': p['subjects'] or '',
            'implementing': p['implementing'] or '', 'competent': p['competent'] or '',
            'decision': p['decision'] or '', 'steps': lines(p['steps']),
            'conditions': lines(p['conditions']), 'result': lines(p['result']),
            'channels': p['channels'] or [], 'documents': p['documents'] or [],
            'legal': p['legal'] or [], 'url': '/' + ('en/' if lang == 'en' else '') + 'thu-tuc/' + p['code'] + '.html',
        }
        with open(os.path.join(out, 'content', lang, 'thu-tuc', p['code'] + '.md'), 'w') as f:
            json.dump(fm, f, ensure_ascii=False)
            f.write('\n')
    if p['commune']:
        commune.setdefault(p['field'], 0)
        commune[p['field']] += 1
    n += 1

for w in wards:
    for lang in ('vi', 'en'):
        fm = {'title': w['name_en'] if lang == 'en' else w['name'], 'code': w['code'], 'field': 'ward',
              'fields': [{'name': k, 'count': v} for k, v in sorted(commune.items())],
              'url': '/' + ('en/' if lang == 'en' else '') + 'co-quan/' + w['code'] + '.html'}
        with open(os.path.join(out, 'content', lang, 'phuong-xa', w['code'] + '.md'), 'w') as f:
            json.dump(fm, f, ensure_ascii=False)
            f.write('\n')
print(f'{n} procedures, {len(wards)} wards exported', file=sys.stderr)
