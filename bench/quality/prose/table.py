#!/usr/bin/env python3
"""Print the prose corpus's false-positive table: table.py CORPUS VERDICTS [--dev-sids].

CORPUS is make-prose-corpus.py's output, VERDICTS what `ewids scan --verdicts` wrote for it. A request counts as
flagged as in the CRS table: any alert but an identity or access finding (sid 9200001 and those under 9100000).
--dev-sids also lists, for the dev half only, the rules that flagged and how often: the held-out half's alerts are not
for reading while tuning rules.
"""
import collections
import json
import sys


def flagged(sids):
    return any(s >= 9100000 and s != 9200001 for s in sids)


def main():
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != '--dev-sids'):
        sys.stderr.write('usage: table.py CORPUS VERDICTS [--dev-sids]\n')
        sys.exit(2)
    corpus = {}
    with open(sys.argv[1], encoding='utf-8') as f:
        for line in f:
            record = json.loads(line)
            corpus[record['id']] = (record['split'], record['placement'], record['language'])
    totals = collections.Counter()
    hits = collections.Counter()
    dev_sids = collections.Counter()
    with open(sys.argv[2], encoding='utf-8') as f:
        for line in f:
            verdict = json.loads(line)
            split, placement, language = corpus[verdict['id']]
            sids = {a['sid'] for a in verdict['alerts']}
            for key in (split, 'placement ' + placement, 'language ' + language, 'all'):
                totals[key] += 1
                hits[key] += flagged(sids)
            if split == 'dev':
                dev_sids.update(s for s in sids if flagged([s]))
    if totals['all'] != len(corpus):
        sys.stderr.write('table.py: %d verdicts for %d requests\n' % (totals['all'], len(corpus)))
        sys.exit(1)
    print('| prose texts | requests | flagged | flagged % |')
    print('|---|---:|---:|---:|')
    for key in (['dev', 'held-out', 'all'] + sorted(k for k in totals if k.startswith('placement '))
                + sorted((k for k in totals if k.startswith('language ')), key=lambda k: -totals[k])):
        print('| %s | %d | %d | %.2f%% |' % (key, totals[key], hits[key], 100.0 * hits[key] / totals[key]))
    if len(sys.argv) == 4:
        print()
        print('dev half, by rule: ' + ', '.join('%d %d' % (sid, n) for sid, n in dev_sids.most_common()))


if __name__ == '__main__':
    main()
