#!/usr/bin/env python3
"""Prints the detection table of the PayloadsAllTheThings corpus: per category, for the dev and held-out halves and in
all, and per placement (query, JSON body, form body).

Usage: table.py CORPUS VERDICTS
  CORPUS    the JSON Lines written by make-payload-corpus.py
  VERDICTS  `ewids scan --verdicts` over it

A request counts as detected when it raised an alert that is not an identity, access or policy finding (92xxxxx–93xxxxx), as
for the CRS table (bench/quality/EastWestIds.Quality, QualityReport.Counts).
"""
import collections
import json
import sys

# Categories without a rule family: measured, but outside the family total.
NO_FAMILY = ('ldap', 'redirect')


def counts(sid):
    return sid < 9200000 or sid > 9399999


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    verdicts = {}
    for line in open(sys.argv[2], encoding='utf-8'):
        v = json.loads(line)
        verdicts[v['id']] = any(counts(a['sid']) for a in v['alerts'])
    rows = collections.defaultdict(lambda: [0, 0])
    for line in open(sys.argv[1], encoding='utf-8'):
        r = json.loads(line)
        detected = verdicts.get(r['id'], False)
        for key in ((r['category'], r['split']), (r['category'], 'all'), ('placement', r['placement'])):
            rows[key][0] += 1
            rows[key][1] += detected
        if r['category'] not in NO_FAMILY:
            for split in (r['split'], 'all'):
                rows[('families', split)][0] += 1
                rows[('families', split)][1] += detected

    def cell(key):
        n, d = rows[key]
        return f'{d} / {n} ({100.0 * d / n:.1f}%)' if n else '–'

    categories = sorted({c for c, _ in rows if c not in ('placement', 'families')},
                        key=lambda c: (c in NO_FAMILY, c))
    print('| category | dev | held-out | all |')
    print('|---|---:|---:|---:|')
    for c in categories:
        name = f'{c} (no rule family)' if c in NO_FAMILY else c
        print(f'| {name} | {cell((c, "dev"))} | {cell((c, "held-out"))} | {cell((c, "all"))} |')
    print(f'| **families** | {cell(("families", "dev"))} | {cell(("families", "held-out"))} | {cell(("families", "all"))} |')
    print()
    print('| placement | detected |')
    print('|---|---:|')
    for p in sorted(k for c, k in rows if c == 'placement'):
        print(f'| {p} | {cell(("placement", p))} |')


if __name__ == '__main__':
    main()
